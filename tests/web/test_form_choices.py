"""Every form of the project shows its empty choice as "— pilih —", never Django's "---------".

The forms are collected from the ``forms`` module of every app; each is listed below with the
arguments it needs, so a new form that is not listed fails the test until it is."""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

import kinerja
from kinerja.common.forms import EmptyChoiceMixin, prompt_empty_choice
from kinerja.iku.models import Decree
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import PerformanceAgreement, Program
from tests.web.html import parse


def project_form_classes() -> dict[str, type[forms.BaseForm]]:
    found = {}
    for app in pkgutil.iter_modules(kinerja.__path__):
        if app.name == "common":  # the bases themselves
            continue
        try:
            module = importlib.import_module(f"kinerja.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                found[f"{app.name}.{name}"] = obj
    return found


@pytest.fixture
def form_arguments(mayang: Organisation, default_decree: Decree) -> dict[str, Callable[[], dict]]:
    """The keyword arguments each form class is made with, as its view makes it."""
    organisations = Organisation.objects.filter(pk=mayang.pk)
    officials = Official.objects.filter(organisation=mayang)
    indicators = default_decree.indicators.all()
    agreement = PerformanceAgreement.objects.create(organisation=mayang, year=2024)
    graded = default_decree.indicators.get(code="1.1")
    graded.scale = "sakip"
    return {
        "coordination.ActivityForm": dict,
        "coordination.ResultForm": dict,
        "coordination.RecommendationForm": dict,
        "coordination.NewResultForm": dict,
        "coordination.FollowUpForm": dict,
        "iku.DecreeForm": lambda: {"organisations": organisations, "officials": officials},
        "iku.GoalForm": dict,
        "iku.IndicatorForm": lambda: {"decree": default_decree},
        "measurement.ValueForm": lambda: {"indicator": graded},
        "measurement.EvidenceForm": dict,
        "measurement.NoteForm": dict,
        "measurement.WorkflowSettingsForm": dict,
        "measurement.UploadForm": lambda: {"organisations": [mayang]},
        "measurement.RecheckForm": dict,
        "measurement.SaveForm": dict,
        "planning.AgreementForm": lambda: {"organisations": organisations},
        "planning.SignForm": dict,
        "planning.RevisionForm": lambda: {"agreement": agreement, "indicators": indicators},
        "planning.RenstraForm": lambda: {"organisations": organisations},
        "planning.ProgramForm": lambda: {
            "parents": Program.objects.all(),
            "indicators": indicators,
        },
        "planning.BenchmarkForm": lambda: {"indicators": indicators},
        "skm.UnsurForm": dict,
        "skm.ServiceForm": dict,
        "skm.UserCountForm": lambda: {"services": []},
        "skm.ImportForm": dict,
        "village_finance.SubmitForm": dict,
        "village_finance.EvaluateForm": dict,
        "village_finance.PaperDateForm": dict,
        "village_finance.DeadlinesForm": dict,
    }


def test_every_form_of_the_project_is_listed_and_shares_the_mixin(form_arguments):
    classes = project_form_classes()
    assert sorted(classes) == sorted(form_arguments)
    assert [name for name, cls in classes.items() if not issubclass(cls, EmptyChoiceMixin)] == []


def test_no_form_renders_dashes_and_every_empty_choice_says_pilih(form_arguments):
    classes = project_form_classes()
    prompts = {}
    with translation.override("id"):
        for name, cls in classes.items():
            html = str(cls(**form_arguments[name]()))
            assert "---------" not in html, name
            page = parse(html)
            empty = [
                o.text()
                for s in page.find_all("select")
                for o in s.find_all("option")
                if o.attrs.get("value") == ""
            ]
            prompts[name] = empty
    # forms with an optional or not yet chosen select show the prompt, translated
    assert prompts["iku.DecreeForm"] == ["— pilih —", "— pilih —"]  # organisation, signatory
    assert prompts["iku.IndicatorForm"] == ["— pilih —", "— pilih —"]  # goal, unit
    assert prompts["planning.AgreementForm"] == ["— pilih —", "— pilih —"]
    assert prompts["planning.ProgramForm"] == ["— pilih —"]  # parent
    assert prompts["planning.RevisionForm"] == ["— pilih —"]  # indicator; no empty period
    assert prompts["measurement.ValueForm"] == ["— pilih —"]  # the grade of a graded indicator
    # a meaningful empty choice keeps its words
    assert prompts["skm.UserCountForm"] == ["Setahun penuh"]


def test_the_prompt_replaces_djangos_dashes_and_keeps_other_choices():
    field = forms.ChoiceField(choices=[("", "---------"), ("a", "A"), ("b", "—")], required=False)
    prompt_empty_choice(field)
    with translation.override("en"):
        assert [(v, str(label)) for v, label in field.choices] == [
            ("", "— choose —"),
            ("a", "A"),
            ("b", "—"),
        ]
    model_field = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    prompt_empty_choice(model_field)
    with translation.override("id"):
        assert str(model_field.empty_label) == "— pilih —"
    # no empty choice at all stays so
    multiple = forms.ModelMultipleChoiceField(queryset=Organisation.objects.none())
    prompt_empty_choice(multiple)
    assert multiple.empty_label is None


def test_choices_a_form_sets_after_its_creation_are_covered(mayang):
    from kinerja.common.forms import Form

    class Late(Form):
        kind = forms.ChoiceField(required=False)

    form = Late()
    form.fields["kind"].choices = [("", "---------"), ("x", "X")]
    with translation.override("id"):
        assert "---------" not in str(form["kind"])
        assert '<option value="" selected>— pilih —</option>' in str(form["kind"])


def test_the_public_survey_says_pilih():
    from kinerja.skm.forms import SurveyForm
    from kinerja.skm.selectors import SurveyStructure

    structure = SurveyStructure(
        instrument_id=1,
        organisation_id=1,
        organisation_name="Kecamatan Mayang",
        fixed_service=None,
        services=((1, "KTP"), (2, "SKCK")),
        unsur=(),
    )
    view = SurveyForm(None, structure=structure).view
    with translation.override("id"):
        empty = {
            name: [
                str(label) for value, label, _id, _chosen in view[name]["options"] if value == ""
            ]
            for name in ("service", "education", "occupation")
        }
    assert empty == {name: ["— pilih —"] for name in ("service", "education", "occupation")}


def test_the_api_filter_forms_say_pilih(users):
    from django_filters.conf import settings as filter_settings

    with translation.override("id"):
        assert str(filter_settings.EMPTY_CHOICE_LABEL) == "— pilih —"
    client = Client()
    client.force_login(users.camat)
    response = client.get(reverse("decree-list"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "---------" not in html
    assert "— pilih —" in html
