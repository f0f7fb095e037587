"""What the admin's forms post, built for the editors' tests."""

from django.urls import reverse

from policing.models import Source

ADD_URL = reverse("admin:policing_event_add")
PASSWORD = "a-long-editor-passphrase"


def event_form(**overrides):
    """POST data for the event change form, with one citation and no figures."""
    data = {
        "title": "Chinese liaison officers train Solomon Islands police",
        "slug": "editor-added-training",
        "activity": "training",
        "stage": "completed",
        "thread": "",
        "summary": "Thirty officers completed a tactical course.",
        "published": "on",
        "date_text": "earlier this month",
        "date_source": "",
        "date_relative_to": "",
        "date_edtf": "",
        "date_reading": "",
        "no_country_note": "",
        "dispute_note": "",
        "based_on": "",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": str(Source.objects.get(slug="scmp-yahoo").pk),
        "citations-0-quote": "wrapping up police tactical training for local officers",
        "citations-0-claim": "",
        "citations-0-order": "0",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        **inline_forms(
            "participants",
            [
                {"country": "SB", "region": "", "role": "counterpart"},
                {"country": "CN", "region": "", "role": "subject"},
            ],
        ),
        **inline_forms("actor_roles", []),
        **inline_forms("relations", []),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def inline_forms(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    """An admin inline's management form and rows, as the change form posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


# What the editor says of a change to a published event, which the form asks for (tests of the
# question itself take it out).
REASON = "Corrected against the report."


def change_form_data(client, event):
    """What the change form would post back unchanged, read from the rendered form, with a
    reason for a change where the event is published."""
    response = client.get(reverse("admin:policing_event_change", args=[event.pk]))
    form = response.context["adminform"].form
    data = event_form(
        title=event.title,
        slug=event.slug,
        activity=event.activity,
        stage=event.stage,
        thread=str(event.thread_id or ""),
        summary=event.summary,
        date_text=event.date_text,
        date_source=str(event.date_source_id or ""),
        date_relative_to=str(event.date_relative_to_id or ""),
        date_manual="on" if event.date_manual else None,
        date_edtf=event.date_edtf,
        date_reading=event.date_reading,
        no_country_note=event.no_country_note,
        dispute_note=event.dispute_note,
        based_on=str(form.initial["based_on"]),
        published="on" if event.published else None,
        disputed="on" if event.disputed else None,
        change_reason=REASON if event.published else None,
    )
    participants = list(event.participants.all())
    data.update(
        inline_forms(
            "participants",
            [
                {
                    "id": str(p.pk),
                    "event": str(event.pk),
                    "country": p.country_id or "",
                    "region": p.region,
                    "role": p.role,
                }
                for p in participants
            ],
            initial=len(participants),
        )
    )
    citations = list(event.citations.all())
    data["citations-TOTAL_FORMS"] = data["citations-INITIAL_FORMS"] = str(len(citations))
    for index, citation in enumerate(citations):
        data[f"citations-{index}-id"] = str(citation.pk)
        data[f"citations-{index}-event"] = str(event.pk)
        data[f"citations-{index}-source"] = str(citation.source_id)
        data[f"citations-{index}-quote"] = citation.quote
        data[f"citations-{index}-claim"] = citation.claim
        data[f"citations-{index}-order"] = str(citation.order)
    figures = list(event.figures.all())
    data["figures-TOTAL_FORMS"] = data["figures-INITIAL_FORMS"] = str(len(figures))
    for index, figure in enumerate(figures):
        data[f"figures-{index}-id"] = str(figure.pk)
        data[f"figures-{index}-event"] = str(event.pk)
        for name in ["label", "counts", "value", "qualifier", "unit", "status", "period_edtf"]:
            data[f"figures-{index}-{name}"] = str(getattr(figure, name))
        for name in ["scope", "scope_region"]:
            data[f"figures-{index}-{name}"] = getattr(figure, name)
        data[f"figures-{index}-scope_country"] = figure.scope_country_id or ""
        data[f"figures-{index}-citation"] = str(figure.citation_id or "")
    return data


def errors_of(response) -> str:
    return response.content.decode()
