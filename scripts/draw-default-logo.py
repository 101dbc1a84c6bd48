#!/usr/bin/env python3
"""Draws kinerja/organisations/static/organisations/logo-default.png: a neutral emblem (a shield,
a star, three waves) printed in the kop surat when neither the organisation nor its parents have a
logo. Made for this project; no government coat of arms."""

import math
from pathlib import Path

from PIL import Image, ImageDraw

S = 4
W, H = 480, 560
img = Image.new("RGBA", (W * S, H * S), (0, 0, 0, 0))
d = ImageDraw.Draw(img)


def pt(x, y):
    return (x * S, y * S)


side = []
for i in range(0, 101):
    t = i / 100
    side.append((440 - 200 * (t**2.2), 40 + 490 * t))
left = [(W - x, y) for x, y in reversed(side)]
shield = side + left[1:]  # from top-right down to the point and up to top-left
cx = 240


def scaled(points, k, cy=270):
    return [pt(cx + (x - cx) * k, cy + (y - cy) * k) for x, y in points]


d.polygon(scaled(shield, 1.0), fill=(27, 58, 87, 255))
d.polygon(scaled(shield, 0.94), fill=(232, 237, 242, 255))
d.polygon(scaled(shield, 0.86), outline=(27, 58, 87, 255), width=4 * S)
R, r, cy = 95, 38, 210
star = []
for k in range(10):
    ang = -math.pi / 2 + k * math.pi / 5
    rad = R if k % 2 == 0 else r
    star.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
d.polygon([pt(x, y) for x, y in star], fill=(176, 138, 0, 255))
for row, y0 in enumerate((345, 380, 415)):
    half = 120 - row * 28
    pts = [
        pt(cx - half + 2 * half * i / 120, y0 + 9 * math.sin((-half + 2 * half * i / 120) / 22))
        for i in range(121)
    ]
    d.line(pts, fill=(11, 79, 108, 255), width=9 * S, joint="curve")
img = img.resize((W // 2, H // 2), Image.LANCZOS)
img.save(
    Path(__file__).resolve().parents[1]
    / "kinerja/organisations/static/organisations/logo-default.png",
    optimize=True,
)
