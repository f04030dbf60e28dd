from django.apps import AppConfig


def agency_panel(*, user, agency) -> dict:
    """The agency page's compliance card, as of today."""
    from django.utils import timezone

    from isogov.compliance.selectors import compliance_card

    return {"compliance": compliance_card(agency=agency, today=timezone.localdate())}


class ComplianceConfig(AppConfig):
    name = "isogov.compliance"
    label = "compliance"

    def ready(self):
        from isogov.compliance import registers
        from isogov.registry import extensions

        extensions.add_agency_panel(agency_panel)
        registers.register()  # the table's download as a background job
