"""Sample coordination register (DATA CONTOH); filled in below."""
