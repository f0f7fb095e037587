"""What a pasted page carries besides the report: navigation, bylines, adverts, newsletter
boxes, liveblog timestamps, photo captions, wire sign-offs, and the "Related" or "More from"
lists after which a page runs on into other stories. Proposals never read these lines, so they
are never quoted, dated or counted (a caption's copy of the lead is not an event of its own).

A source's passages carry their section from the manifest or the editor; this is for text
pasted or uploaded whole, where no one has marked the sections yet."""

from __future__ import annotations

import re

# One line that is page furniture, whatever follows it.
_FURNITURE = re.compile(
    r"""^(?:
        (?:home|news)\s*[>»›/].*                      # breadcrumb: Home > News > Nation
      | advertisement | sponsored(?:\s+content)? | ad
      | by\s+[^|]{1,60}\|.*                           # By Staff Reporter | July 23, 2024 | …
      | .*\b\d+\s+min(?:ute)?s?\s+read\b.*
      | (?:sign\s+up|subscribe)\b.*                   # newsletter boxes
      | .*\bcookies?\b.*\b(?:accept|consent|preferences|privacy)\b.*   # a cookie banner
      | (?:[^|.]{1,30}\|){3,}[^|.]{0,30}               # a menu: Home | Politics | Business | …
      | (?:[^·]{1,80}·){2,}[^·]{0,80}                  # a digest's contents: A · B · C
      | .*\bnewsletter\b.{0,80}\binbox\b.*
      | last\s+updated\b.*
      | \d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?   # liveblog timestamp: 6:48 p.m.
      | (?:photo|picture|image|caption|video)(?:\s+caption)?\s*[:|].*   # Photo caption: …
      | \[(?:photo|picture|image|caption|video|graphic)\b[^\]]*\].*   # [PHOTO] Suspects in …
      | .*\((?:file\s+)?photo(?:\s*[:/][^)]*)?\)\s*
      | .*[.!]\s+(?:photo|picture|image|credit)s?\s*(?::|by\b)\s*[^.]{1,80}\.?\s*  # … Photo: X
      | --?\s*\w[\w\s]{0,40}\((?:reporting|writing|editing)\b.*  # -- Newswire (Reporting by …)
      | \((?:reporting|writing|editing)\s+by\b.*
      | \[\d{1,3}\]\s.*                               # a note: [43] Summit speech, May 2023 …
      | share\s+(?:this|on)\b.* | follow\s+us\b.* | read\s+more\b.{0,40}
      | .*\b(?:our|this)\s+live\s+(?:coverage|blog|updates)\b.*   # liveblog housekeeping
      | .*\bthanks\s+for\s+(?:following|reading|joining)\b.*
      | (?:copyright|©|\(c\)\s*\d{4}).* | .*\ball\s+rights\s+reserved\.?
      | this\s+(?:article|story|report)\s+(?:originally\s+)?(?:appeared|was\s+first\s+published)\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A heading after which a page lists or runs into other stories: the report has ended.
_ENDS_REPORT = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|news|coverage|content|reading))?|more\s+from\b.*|"
    r"more\s+stories|most\s+(?:read|popular|viewed)|recommended(?:\s+for\s+you)?|"
    r"you\s+may\s+also\s+like|trending(?:\s+now)?|latest\s+news|top\s+stories)\s*:?$",
    re.IGNORECASE,
)


_LONGEST_HEADING = 8  # words

_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", re.IGNORECASE)


def is_live(lines: list[str]) -> bool:
    """Whether a pasted page is a liveblog: entries under two timestamps or more ("6:20 p.m.").
    What an entry tells as done, with no date of its own, was done the day it was posted."""
    return sum(bool(_TIMESTAMP.match(line.strip())) for line in lines) >= 2


def is_furniture(line: str) -> bool:
    """Whether one line is page furniture rather than the report's words."""
    return bool(_FURNITURE.match(line.strip()))


def is_headline(line: str) -> bool:
    """A short line with no closing punctuation, or a longer one in title case: a headline
    or a section heading, which restates the report or names a part of it and states no act
    of its own ("Three Men Convicted of Acting on Behalf of the People's Republic of China in
    Campaign to Force a U.S. Resident to Return")."""
    words = line.split()
    if not words or re.search(r"[.!?:;\"”’)]$", line.strip()):
        return False
    capitals = sum(word[:1].isupper() for word in words if len(word) > 3)
    long_words = sum(len(word) > 3 for word in words)
    return len(words) <= 16 or (len(words) <= 30 and capitals >= 0.8 * long_words)


REPORT, HEADING = "report", "heading"


def line_kinds(lines: list[str]) -> list[str]:
    """For each line of a pasted page, what it is: `REPORT`, words that may be the report's;
    `HEADING`, a headline or a heading within the report ("* August 2017 - Fiji" heads the
    entry under it); or "", furniture, a blank, or anything after a heading that starts the
    page's list of other stories."""
    kinds, ended = [], False
    for line in lines:
        stripped = line.strip()
        # (a heading: "More from Xi's speech. He said …" is an entry of a liveblog)
        if _ENDS_REPORT.match(stripped) and len(stripped.split()) <= _LONGEST_HEADING:
            ended = True
        if ended or not stripped or is_furniture(stripped):
            kinds.append("")
        else:
            kinds.append(HEADING if is_headline(stripped) else REPORT)
    return kinds
