"""The sources' admin: a document uploaded or pasted (its size and its citations checked
before it is saved), its paragraphs marked, words of it cited, events proposed from it."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from policing import intake
from policing.corpus import manifest
from policing.corpus import seeds as corpus
from policing.editorial import citing
from policing.editorial.admin import source_intake
from policing.editorial.admin.autocomplete import event_chooser
from policing.editorial.admin.passages import MarkPassagesForm, paragraph_ranges, passages_page
from policing.editorial.admin.proposals import proposals_of
from policing.models import DataVersion, Passage, Proposal, ProposalStatus, SectionKind, Source
from policing.text import anchoring, dates, language

log = logging.getLogger(__name__)


class SourceAdminForm(forms.ModelForm):
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="URL",
        help_text=Source._meta.get_field("url").help_text,
    )
    original_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="Original URL",
        help_text=Source._meta.get_field("original_url").help_text,
    )
    upload = forms.FileField(
        required=False,
        help_text="A UTF-8 plain-text file of the document (.txt), a web page saved from the "
        "browser (.html, .htm, .mhtml) or a PDF. A page or PDF is shown for checking before "
        "it is saved.",
    )
    address = forms.URLField(
        required=False,
        assume_scheme="https",
        label="Or read the page at",
        max_length=2000,
    )
    # Carried from the preview of a page or PDF (source_intake.py) to its save: the paragraphs
    # ticked as not the report (by their anchors) and what each suggested one is.
    not_report = forms.MultipleChoiceField(required=False)
    labels = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Source
        fields = [
            "title",
            "slug",
            "outlet",
            "carried_by",
            "syndication",
            "author",
            "url",
            "original_url",
            "published_edtf",
            "published_inferred",
            "published_note",
            "derivation",
            "rewrite_of",
            "provenance",
            "text",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].required = False
        self.fields["published_edtf"].required = True
        self.fields["address"].help_text = source_intake.fetching_help()
        self.fields["not_report"].valid_value = lambda value: True  # anchors, checked in clean
        self.preview: source_intake.Preview | None = None

    def clean_published_edtf(self) -> str:
        try:
            return dates.check_edtf(self.cleaned_data["published_edtf"]).text
        except dates.DateResolutionError as error:
            raise ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if "text" not in self.fields:  # a seed document: its text is the file on disk
            return cleaned
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        address = cleaned.get("address") or ""
        typed = text.strip() and text != self.instance.text
        if sum(map(bool, (upload, address, typed))) > 1:
            raise ValidationError(
                "Upload a file, give the page's address or paste the text: one of them."
            )
        kind = intake.TEXT
        if upload:
            try:
                kind = source_intake.declared_kind(upload.name)
            except ValidationError as error:
                self._not_read("upload", error)
                return cleaned
        if address or kind != intake.TEXT:
            self._preview(upload, address)
            return cleaned
        if upload:
            if problem := corpus.oversize_file(upload.size):
                self.add_error("upload", problem)  # refused before it is read
                return cleaned
            data = upload.read()
            if intake.document.sniff(data) in (intake.PDF, intake.HTML, intake.MHTML):
                self.add_error(
                    "upload",
                    f"The file is named {upload.name} but is "
                    f"{intake.KIND_WORDS[intake.document.sniff(data)]}: give it the ending "
                    "that says so (.html or .pdf) and upload it again.",
                )
                return cleaned
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                self.add_error(
                    "upload",
                    f"The file is not UTF-8 plain text. {intake.document.WHAT_TO_UPLOAD}",
                )
                return cleaned
        if not text.strip():
            self.add_error("text", "Paste the document’s text or upload it as a file.")
            return cleaned
        if problem := corpus.oversize(text):
            self.add_error("upload" if upload else "text", problem)
            return cleaned
        cleaned["text"] = text
        if self.instance.pk:
            self._refuse_breaking_citations(text)
        cleaned["sections"] = source_intake.sections(
            text, cleaned.get("not_report") or [], cleaned.get("labels") or ""
        )
        return cleaned

    def _preview(self, upload, address: str) -> None:
        """Read the page or PDF; the form then comes back as its preview (nothing is saved
        until the editor has seen what was read and saves again)."""
        field = "address" if address else "upload"
        try:
            if address:
                document, found_at = source_intake.read_address(address)
                origin = f"the page at {found_at}"
            else:
                document, found_at = source_intake.read_upload(upload), ""
                origin = upload.name
        except ValidationError as error:
            self._not_read(field, error)
            return
        if problem := source_intake.oversize(document, origin):
            self._not_read(field, problem)
            return
        self.preview = source_intake.preview(
            document, origin, self.data, instance=self.instance, address=found_at
        )
        # Not saved yet: the admin shows the preview instead of this error (SourceAdmin).
        self.add_error(None, ValidationError(source_intake.PREVIEW, code="preview"))

    def _not_read(self, field: str, error) -> None:
        """The document's reason on its field; the fields it would have filled, left empty
        for it, are not blamed as well (here, and after the model's checks)."""
        self._unread = True
        self._forgive_empty()
        self.add_error(field, error)

    def _post_clean(self):
        super()._post_clean()
        if getattr(self, "_unread", False):
            self._forgive_empty()

    def _forgive_empty(self) -> None:
        for name in source_intake.REQUIRED_FROM_DOCUMENT:
            errors = self.errors.get(name)
            if errors and all(e.code in ("required", "blank") for e in errors.as_data()):
                del self.errors[name]

    def _refuse_breaking_citations(self, text):
        passages = corpus.split_passages(text)
        broken = [
            c for c in self.instance.citations.all() if not anchoring.find_quote(c.quote, passages)
        ]
        if broken:
            listed = "; ".join(f"“{c.quote[:80]}” (event {c.event.slug})" for c in broken)
            raise ValidationError(f"The new text would break {len(broken)} citation(s): {listed}")


class CiteForm(forms.Form):
    """Words of one source to cite: in a new event, or added to an existing one."""

    quote = forms.CharField(
        label="Words to cite",
        max_length=citing.MAX_QUOTE,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Select them in a paragraph below, or paste them: spacing and curly or "
        "straight quote marks may differ; anything else must match the source.",
    )
    event = event_chooser(
        required=False,
        label="Existing event",
        help_text="To add the words to an event: type a few words of its title.",
    )

    def __init__(self, *args, source: Source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_quote(self) -> str:
        selection = citing.Selection(self.source, self.cleaned_data["quote"].strip())
        try:
            selection.anchored()
        except ValidationError as error:
            raise ValidationError(error.message_dict["quote"]) from None
        return selection.quote

    @property
    def selection(self) -> citing.Selection:
        return citing.Selection(self.source, self.cleaned_data["quote"])


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceAdminForm
    list_display = ["title", "syndication", "published_column", "passage_count", "file_name"]
    search_fields = ["title", "outlet", "syndication", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["file_name", "sha256", "imported_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "carried_by", "syndication", "author"]}),
        ("Addresses", {"fields": ["url", "original_url"]}),
        (
            "Publication date",
            {
                "fields": [
                    ("published_edtf", "published_inferred"),
                    "published_note",
                ]
            },
        ),
        ("Provenance", {"fields": ["derivation", "rewrite_of", "provenance"]}),
        ("Text", {"fields": ["upload", "address", "text", "file_name", "sha256", "imported_at"]}),
    ]

    def get_queryset(self, request):
        # A count per row, not a join grouped by every column: grouped, each source's text
        # was copied for each of its passages, half a second for a long report's page.
        per_source = Passage.objects.filter(source=OuterRef("pk")).order_by().values("source")
        total = Subquery(per_source.annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).annotate(passage_total=Coalesce(total, 0))

    def get_readonly_fields(self, request, obj=None):
        # A seed document is the evidence on disk: change the file and re-run import_sources.
        if obj and obj.file_name:
            return [*self.readonly_fields, "text"]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not obj.file_name:
            return fieldsets
        without = [
            (n, {**o, "fields": [f for f in o["fields"] if f not in ("upload", "address")]})
            for n, o in fieldsets
        ]
        if obj is not None:  # a seed document: its text is the file on disk
            return without
        # A new report starts from its file or page, which fills in the fields below it (and
        # a file that cannot be read is said at the top, where the editor is).
        document = (
            "The report",
            {
                "fields": ["upload", "address"],
                "description": "Upload the report, or give its address, then press Save: a "
                "web page or PDF comes back for checking first, with the fields below filled "
                "in from it where you left them empty. Or paste its text under “Text”.",
            },
        )
        return [document, *without]

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/cite/",
                self.admin_site.admin_view(self.cite_view),
                name="policing_source_cite",
            ),
            path(
                "<path:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="policing_source_propose",
            ),
            path(
                "<path:object_id>/passages/",
                self.admin_site.admin_view(self.passages_view),
                name="policing_source_passages",
            ),
        ]
        return [*own, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if getattr(form, "preview", None) is not None:
            self._show_preview(request, context, form, obj)
        if obj is not None and obj.pk:
            context["pending_proposals"] = obj.proposals.filter(
                status=ProposalStatus.PENDING
            ).count()
            context["proposals_url"] = proposals_of(obj)
            context["passages_page"] = passages_page(obj, request.GET.get("passages"))
            context["sections"] = dict(
                obj.passages.values_list("section").annotate(n=Count("pk")).order_by()
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _show_preview(self, request, context, form, obj) -> None:
        """The form as the preview of what was read (source_intake.py): unbound, holding the
        typed values and the document's, with no error shown (nothing was wrong)."""
        preview = form.preview
        shown = type(form)(initial=preview.data, instance=form.instance)
        # What was read is in the form now: no file to choose again.
        fieldsets = [
            (n, {**o, "fields": [f for f in o["fields"] if f not in ("upload", "address")]})
            for n, o in self.get_fieldsets(request, obj)
        ]
        context["adminform"] = helpers.AdminForm(
            shown,
            [(n, o) for n, o in fieldsets if o["fields"]],
            self.get_prepopulated_fields(request, obj) if obj is None else {},
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        context["errors"] = helpers.AdminErrorList(shown, [])
        context["preview"] = preview
        context["preview_form"] = shown

    def passages_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """A page of the source's paragraphs, to mark some as not the report (or as the report
        again); each marking is in the source's history."""
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        number = request.GET.get("page")
        if request.method == "POST":
            if not self.has_change_permission(request, source):
                raise PermissionDenied
            form = MarkPassagesForm(request.POST, source=source)
            if form.is_valid():
                self._mark(request, source, form.cleaned_data)
                return redirect(f"{request.path}?page={number or 1}")
        else:
            form = MarkPassagesForm(source=source)
        page = passages_page(source, number)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": f"Paragraphs of “{source.title}”",
            "form": form,
            "passages_page": page,
            "marking": self.has_change_permission(request, source),
        }
        return TemplateResponse(request, "admin/policing/source/passages.html", context)

    def _mark(self, request: HttpRequest, source: Source, cleaned: dict) -> None:
        section, label = cleaned["section"], cleaned["label"].strip()
        if section == SectionKind.REPORT:
            label = ""
        chosen = cleaned["chosen"].exclude(section=section, section_label=label)
        ordinals = list(chosen.values_list("ordinal", flat=True))
        if not ordinals:
            self.message_user(request, "Those paragraphs were marked so already.", messages.INFO)
            return
        shown = SectionKind(section).label
        with transaction.atomic():
            ids = list(chosen.values_list("pk", flat=True))
            Passage.objects.filter(pk__in=ids).update(section=section, section_label=label)
            dropped = 0
            if section != SectionKind.REPORT:  # what is not the report is not proposed
                dropped = Proposal.objects.filter(
                    passage__in=ids, status=ProposalStatus.PENDING
                ).delete()[0]
            DataVersion.bump(events=[])  # the reader shows sections
            message = f"Marked {paragraph_ranges(ordinals)} as “{shown}”"
            message += f" ({label})." if label else "."
            self.log_change(request, source, message)
        extra = f" {dropped} pending proposal(s) in them withdrawn." if dropped else ""
        self.message_user(request, message + extra, messages.SUCCESS)

    def propose_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Read the source again for events to propose (new ones only: a proposal already
        made, or rejected, is not offered again)."""
        if request.method != "POST":
            return redirect("admin:policing_source_change", object_id)
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not request.user.has_perm("policing.change_proposal"):
            raise PermissionDenied
        self._propose(request, source)
        return redirect(proposals_of(source))

    def _propose(self, request: HttpRequest, source: Source) -> None:
        from policing import proposals

        try:
            added = proposals.queue(source)
        except Exception:  # the source is saved; a failing extraction must not undo that
            log.exception("Proposing events from %s failed", source.slug)
            self.message_user(
                request,
                "Proposing events from this source failed; the source is saved. Try “Propose "
                "events” on its page again, or add its events by hand.",
                messages.WARNING,
            )
            return
        pending = source.proposals.filter(status=ProposalStatus.PENDING).count()
        self.message_user(
            request,
            format_html(
                '{} new event(s) proposed from “{}”; <a href="{}">{} to review</a>.',
                added,
                source.title,
                proposals_of(source),
                pending,
            ),
            messages.SUCCESS if added else messages.INFO,
        )
        if note := language.proposals_note(source.text):
            self.message_user(request, note, messages.WARNING)

    def cite_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The document's paragraphs, to select words in (static/js/cite.js) or paste them,
        and cite them in a new event or add them to an existing one."""
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        if request.method == "POST":
            form = CiteForm(request.POST, source=source)
            if form.is_valid() and (done := self._cite(request, form)):
                return done
        else:
            form = CiteForm(initial={"quote": request.GET.get("quote", "")}, source=source)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": f"Cite words of “{source.title}”",
            "form": form,
            "media": self.media + form.media,
            # The whole document up to the paragraph limit; a longer one (stored before the
            # limit, or by a script) a limit's worth at a time.
            "passages": Paginator(source.passages.all(), settings.REPORT_MAX_PARAGRAPHS).get_page(
                request.GET.get("page")
            ),
            "can_add_event": request.user.has_perm("policing.add_event"),
        }
        return TemplateResponse(request, "admin/policing/source/cite.html", context)

    def _cite(self, request: HttpRequest, form: CiteForm) -> HttpResponse | None:
        selection = form.selection
        if "_new" in request.POST:
            if not request.user.has_perm("policing.add_event"):
                raise PermissionDenied
            query = urlencode({"source": selection.source.pk, "quote": selection.quote})
            return redirect(f"{reverse('admin:policing_event_add')}?{query}")
        event = form.cleaned_data["event"]
        if event is None:
            form.add_error("event", "Choose the event to add these words to.")
            return None
        if not request.user.has_perm("policing.change_event"):
            raise PermissionDenied
        try:
            citing.add_citation(
                event,
                selection,
                user=request.user,
                comment=f"Cited words of {selection.source.slug} from its reader.",
            )
        except ValidationError as error:
            form.add_error(None, error)
            return None
        self.message_user(request, f"Added the words to “{event}”.", messages.SUCCESS)
        return redirect("admin:policing_event_change", event.pk)

    @admin.display(description="published", ordering="published")
    def published_column(self, source):
        return source.published_display

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, source):
        return source.passage_total

    def save_model(self, request, obj, form, change):
        if not obj.file_name:
            obj.sha256 = manifest.file_digest(obj.text.encode("utf-8"))
        super().save_model(request, obj, form, change)
        if not obj.file_name:
            sections = form.cleaned_data.get("sections", ())
            report = corpus.import_text(obj, sections)
            self.message_user(
                request,
                f"Passages: {report.passages_created} added, {report.passages_updated} updated, "
                f"{report.passages_deleted} removed.",
                messages.INFO,
            )
            if sections:
                marked = obj.passages.exclude(section=SectionKind.REPORT)
                ordinals = list(marked.values_list("ordinal", flat=True))
                labels = dict.fromkeys(marked.values_list("section_label", flat=True))
                self.message_user(
                    request,
                    format_html(
                        "{} ({}) marked as not part of the report: nothing is proposed from "
                        'them. <a href="{}">Mark paragraphs</a> changes that.',
                        paragraph_ranges(ordinals),
                        ", ".join(label.lower() for label in labels if label),
                        reverse("admin:policing_source_passages", args=[obj.pk]),
                    ),
                    messages.INFO,
                )
            # Proposals are read from the passages, so only now, and only once they are
            # committed (changeform_view): the save's transaction, which holds SQLite's write
            # lock, covers the source and its passages and not the reading of the text.
            if request.user.has_perm("policing.change_proposal"):
                request._propose_after_commit = obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        source = getattr(request, "_propose_after_commit", None)
        if source is not None:
            self._propose(request, source)
        return response
