"""Stand-ins for the documents and capa providers, with the same contract, for tests that set their answers."""
ANSWERS: dict[str, dict] = {"legal": {}, "capa": {}}
CALLS: list[str] = []


def legal_facts(*, agencies, today):
    CALLS.append("legal")
    ids = set(agencies.values_list("pk", flat=True))
    return {pk: v for pk, v in ANSWERS["legal"].items() if pk in ids}


def capa_facts(*, agencies, today):
    CALLS.append("capa")
    ids = set(agencies.values_list("pk", flat=True))
    return {pk: v for pk, v in ANSWERS["capa"].items() if pk in ids}


def legal_overdue_ids(*, today):
    from isogov.registry.models import Agency
    return Agency.objects.filter(pk__in=[pk for pk, v in ANSWERS["legal"].items() if v["legal_overdue"]]).values("pk")


def capa_overdue_ids(*, today):
    from isogov.registry.models import Agency
    return Agency.objects.filter(pk__in=[pk for pk, v in ANSWERS["capa"].items() if v["ca_overdue"]]).values("pk")
