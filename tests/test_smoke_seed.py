from kinerja.iku.models import Indicator


def test_default_decree_has_five_indicators(default_decree):
    codes = list(Indicator.objects.filter(decree=default_decree).values_list("code", flat=True))
    assert codes == ["1.1", "2.1", "2.2", "2.3", "2.4"]
