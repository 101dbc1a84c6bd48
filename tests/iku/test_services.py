"""The write services: copying, putting in force, archiving, and who may call them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kinerja.iku import services
from kinerja.iku.models import Decree, Indicator
from kinerja.iku.portable import ClauseData, DiktumData
from tests.helpers import row_counts

# ---------------------------------------------------------------- decree_copy


def test_copy_takes_everything_and_continues_the_indicators(default_decree, users):
    copy = services.decree_copy(actor=users.perencana, source=default_decree)
    assert copy.status == "draft"
    assert copy.number == ""
    assert copy.date_signed is None
    assert copy.replaces == default_decree
    assert copy.organisation == default_decree.organisation
    assert copy.title == "Indikator Kinerja Utama Kecamatan Mayang Kabupaten Jember"
    assert copy.signatory.name == "AJIB, S.IP"
    assert copy.signatory_title == "CAMAT MAYANG\nKABUPATEN JEMBER"
    assert copy.duty == default_decree.duty

    def clauses(decree):
        return [(c.section, c.order, c.label, c.text) for c in decree.clauses.all()]

    assert clauses(copy) == clauses(default_decree)
    assert len(clauses(copy)) == 22

    def dicta(decree):
        return [
            (d.label, d.text, [(i.label, i.text) for i in d.items.all()])
            for d in decree.dicta.all()
        ]

    assert dicta(copy) == dicta(default_decree)
    assert [g.statement for g in copy.goals.all()] == [
        "Meningkatnya Kualitas Pelayanan Publik",
        "Meningkatnya koordinasi pemerintahan, pembangunan dan penyelenggaraan pemerintahan "
        "wilayah kecamatan",
    ]
    pairs = [(i.code, i.continues.code, i.continues.decree_id) for i in copy.indicators.all()]
    assert pairs == [
        ("1.1", "1.1", default_decree.pk),
        ("2.1", "2.1", default_decree.pk),
        ("2.2", "2.2", default_decree.pk),
        ("2.3", "2.3", default_decree.pk),
        ("2.4", "2.4", default_decree.pk),
    ]
    new, old = copy.indicators.get(code="2.3"), default_decree.indicators.get(code="2.3")
    fields = ["name", "numerator_definition", "denominator_definition", "factor", "unit",
              "polarity", "aggregation", "decimals", "data_source", "responsible_text",
              "responsible_unit_id", "order", "factor_text"]  # fmt: skip
    assert {f: getattr(new, f) for f in fields} == {f: getattr(old, f) for f in fields}
    assert new.goal.decree == copy
    # The source is untouched.
    assert Decree.objects.get(pk=default_decree.pk).status == "in_force"


def test_copy_leaves_archived_indicators_behind(default_decree, users):
    services.indicator_archive(
        actor=users.camat, indicator=default_decree.indicators.get(code="2.4")
    )
    copy = services.decree_copy(actor=users.camat, source=default_decree)
    assert list(copy.indicators.values_list("code", flat=True)) == ["1.1", "2.1", "2.2", "2.3"]


# ---------------------------------------------------------------- decree_put_in_force


def test_put_in_force_supersedes_the_previous_decree(default_decree, draft_decree, users):
    services.decree_update(actor=users.camat, decree=draft_decree, number="050/1/2024")
    decree = services.decree_put_in_force(
        actor=users.camat, decree=draft_decree, date_signed=dt.date(2024, 1, 2)
    )
    assert decree.status == "in_force"
    assert decree.date_signed == dt.date(2024, 1, 2)
    assert decree.effective_date == dt.date(2024, 1, 2)
    assert decree.replaces == default_decree
    assert Decree.objects.get(pk=default_decree.pk).status == "superseded"
    assert list(Decree.objects.filter(status="in_force")) == [decree]


def test_put_in_force_sets_replaces_when_missing(default_decree, users):
    decree = services.decree_create(
        actor=users.camat,
        organisation=default_decree.organisation,
        title="IKU baru",
        number="050/2/2024",
        date_signed=dt.date(2024, 2, 1),
    )
    goal = services.goal_save(actor=users.camat, decree=decree, statement="Meningkatnya uji")
    services.indicator_create(actor=users.camat, decree=decree, goal=goal, code="1", name="Uji")
    services.decree_put_in_force(actor=users.camat, decree=decree)
    decree.refresh_from_db()
    assert decree.replaces == default_decree
    assert decree.effective_date == dt.date(2024, 2, 1)


def _refusal(call) -> object:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            call()
        return info.value.message_dict if hasattr(info.value, "error_dict") else info.value.messages


def test_put_in_force_refuses_a_draft_without_number(draft_decree, users):
    message = _refusal(
        lambda: services.decree_put_in_force(
            actor=users.camat, decree=draft_decree, date_signed=dt.date(2024, 1, 2)
        )
    )
    assert message == {"number": ["A decree in force needs its number."]}


def test_put_in_force_refuses_a_draft_without_date(draft_decree, users):
    services.decree_update(actor=users.camat, decree=draft_decree, number="050/1/2024")
    message = _refusal(lambda: services.decree_put_in_force(actor=users.camat, decree=draft_decree))
    assert message == {"date_signed": ["A decree in force needs its date of signing."]}


def test_put_in_force_refuses_a_draft_without_indicators(default_decree, users):
    decree = services.decree_create(
        actor=users.camat,
        organisation=default_decree.organisation,
        title="IKU kosong",
        number="050/3/2024",
        date_signed=dt.date(2024, 3, 1),
    )
    message = _refusal(lambda: services.decree_put_in_force(actor=users.camat, decree=decree))
    assert message == ["A decree in force needs at least one indicator."]


def test_put_in_force_refuses_a_draft_whose_indicators_are_all_archived(draft_decree, users):
    services.decree_update(
        actor=users.camat, decree=draft_decree, number="9/2024", date_signed=dt.date(2024, 1, 2)
    )
    for indicator in draft_decree.indicators.all():
        services.indicator_archive(actor=users.camat, indicator=indicator)
    message = _refusal(lambda: services.decree_put_in_force(actor=users.camat, decree=draft_decree))
    assert message == ["A decree in force needs at least one indicator."]


def test_put_in_force_refuses_a_decree_already_in_force(default_decree, users):
    message = _refusal(
        lambda: services.decree_put_in_force(actor=users.camat, decree=default_decree)
    )
    assert message == ["Only a draft can be put in force."]
    assert Decree.objects.get(pk=default_decree.pk).status == "in_force"


def test_put_in_force_refused_leaves_everything_as_it_was(default_decree, draft_decree, users):
    before = row_counts()
    with pytest.raises(ValidationError):
        services.decree_put_in_force(actor=users.camat, decree=draft_decree)
    assert row_counts() == before
    assert Decree.objects.get(pk=default_decree.pk).status == "in_force"
    assert Decree.objects.get(pk=draft_decree.pk).status == "draft"


# ---------------------------------------------------------------- indicators


def test_archive_and_restore(default_decree, users):
    indicator = default_decree.indicators.get(code="2.1")
    services.indicator_archive(actor=users.camat, indicator=indicator)
    indicator.refresh_from_db()
    assert indicator.is_archived
    assert list(default_decree.active_indicators().values_list("code", flat=True)) == [
        "1.1", "2.2", "2.3", "2.4",
    ]  # fmt: skip
    # Archiving twice changes nothing (and records nothing).
    count = indicator.history.count()
    services.indicator_archive(actor=users.camat, indicator=indicator)
    assert indicator.history.count() == count
    services.indicator_restore(actor=users.camat, indicator=indicator)
    indicator.refresh_from_db()
    assert not indicator.is_archived
    assert default_decree.active_indicators().count() == 5


def test_archived_indicator_cannot_be_changed(default_decree, users):
    indicator = default_decree.indicators.get(code="2.1")
    services.indicator_archive(actor=users.camat, indicator=indicator)
    message = _refusal(
        lambda: services.indicator_update(actor=users.camat, indicator=indicator, name="Baru")
    )
    assert message == ["An archived indicator cannot be changed."]
    assert Indicator.objects.get(pk=indicator.pk).name.startswith("Proses rekomendasi")


def test_indicator_create_numbers_within_the_goal(draft_decree, users):
    goal = draft_decree.goals.get(order=2)
    indicator = services.indicator_create(
        actor=users.perencana, decree=draft_decree, goal=goal, code="2.5", name="Uji baru"
    )
    assert indicator.order == 5
    assert indicator.factor == Decimal(100)


def test_indicator_moved_to_another_goal_goes_last(draft_decree, users):
    indicator = draft_decree.indicators.get(code="2.4")
    goal_1 = draft_decree.goals.get(order=1)
    services.indicator_update(actor=users.camat, indicator=indicator, goal=goal_1)
    indicator.refresh_from_db()
    assert (indicator.goal, indicator.order) == (goal_1, 2)


def test_indicator_create_refuses_a_duplicate_code(draft_decree, users):
    goal = draft_decree.goals.get(order=2)
    message = _refusal(
        lambda: services.indicator_create(
            actor=users.camat, decree=draft_decree, goal=goal, code="2.1", name="Kembar"
        )
    )
    assert message == {"code": ["This decree already has an indicator with this code."]}


def test_indicator_create_refuses_a_goal_of_another_decree(draft_decree, default_decree, users):
    goal = default_decree.goals.get(order=1)
    message = _refusal(
        lambda: services.indicator_create(
            actor=users.camat, decree=draft_decree, goal=goal, code="9", name="Salah"
        )
    )
    assert message == {"goal": ["The kinerja utama belongs to another decree."]}


def test_unknown_fields_are_a_programming_error(draft_decree, users):
    with pytest.raises(TypeError):
        services.decree_update(actor=users.camat, decree=draft_decree, status="in_force")
    with pytest.raises(TypeError):
        services.indicator_update(
            actor=users.camat, indicator=draft_decree.indicators.first(), archived_at=None
        )


def test_goal_save_refuses_a_goal_of_another_decree(draft_decree, default_decree, users):
    goal = default_decree.goals.get(order=1)
    with pytest.raises(ValidationError):
        services.goal_save(actor=users.camat, decree=draft_decree, goal=goal, statement="Salah")
    goal.refresh_from_db()
    assert goal.statement == "Meningkatnya Kualitas Pelayanan Publik"


def test_goal_save_appends_and_edits(draft_decree, users):
    goal = services.goal_save(actor=users.camat, decree=draft_decree, statement="Meningkatnya uji")
    assert goal.order == 3
    services.goal_save(actor=users.camat, decree=draft_decree, goal=goal, statement="Diubah")
    goal.refresh_from_db()
    assert goal.statement == "Diubah"


# ---------------------------------------------------------------- who may write

# Every write service, as a callable taking (actor, the draft decree).
WRITES = {
    "decree_create": lambda actor, d: services.decree_create(
        actor=actor, organisation=d.organisation, title="Uji"
    ),
    "decree_update": lambda actor, d: services.decree_update(actor=actor, decree=d, title="Uji"),
    "decree_set_clauses": lambda actor, d: services.decree_set_clauses(
        actor=actor, decree=d, section="tujuan", items=[ClauseData("1.", "Uji")]
    ),
    "decree_set_dicta": lambda actor, d: services.decree_set_dicta(
        actor=actor, decree=d, dicta=[DiktumData("KESATU", "Uji")]
    ),
    "decree_copy": lambda actor, d: services.decree_copy(actor=actor, source=d),
    "decree_put_in_force": lambda actor, d: services.decree_put_in_force(
        actor=actor,
        decree=services.decree_update(actor=None, decree=d, number="050/9/2024"),
        date_signed=dt.date(2024, 1, 2),
    ),
    "goal_save (new)": lambda actor, d: services.goal_save(actor=actor, decree=d, statement="Uji"),
    "goal_save (edit)": lambda actor, d: services.goal_save(
        actor=actor, decree=d, goal=d.goals.first(), statement="Uji"
    ),
    "indicator_create": lambda actor, d: services.indicator_create(
        actor=actor, decree=d, goal=d.goals.first(), code="9.9", name="Uji"
    ),
    "indicator_update": lambda actor, d: services.indicator_update(
        actor=actor, indicator=d.indicators.get(code="2.1"), name="Uji"
    ),
    "indicator_archive": lambda actor, d: services.indicator_archive(
        actor=actor, indicator=d.indicators.get(code="2.1")
    ),
    "indicator_restore": lambda actor, d: services.indicator_restore(
        actor=actor,
        indicator=services.indicator_archive(actor=None, indicator=d.indicators.get(code="2.1")),
    ),
}
REFUSED = ["kepala_seksi", "operator_desa", "outsider", "anonymous"]
ALLOWED = ["admin_kabupaten", "camat", "perencana"]


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("role", REFUSED)
def test_write_refused(write, role, users, draft_decree):
    actor = users.all()[role]
    call = WRITES[write]
    if write == "indicator_restore":
        # Archive first (as a trusted caller), then count: the refusal must add nothing.
        indicator = services.indicator_archive(
            actor=None, indicator=draft_decree.indicators.get(code="2.1")
        )

        def call(actor, d):
            return services.indicator_restore(actor=actor, indicator=indicator)

    if write == "decree_put_in_force":
        services.decree_update(actor=None, decree=draft_decree, number="050/9/2024")

        def call(actor, d):
            return services.decree_put_in_force(
                actor=actor, decree=d, date_signed=dt.date(2024, 1, 2)
            )

    before = row_counts()
    with pytest.raises(PermissionDenied):
        call(actor, draft_decree)
    assert row_counts() == before


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("role", ALLOWED)
def test_write_allowed(write, role, users, draft_decree):
    WRITES[write](users.all()[role], draft_decree)


def test_outsider_may_write_in_their_own_kecamatan(users, other_kecamatan):
    decree = services.decree_create(actor=users.outsider, organisation=other_kecamatan, title="Uji")
    assert decree.organisation == other_kecamatan


def test_trusted_caller_has_no_user(draft_decree):
    services.decree_update(actor=None, decree=draft_decree, title="Dari perintah")
    assert draft_decree.history.first().history_user is None
