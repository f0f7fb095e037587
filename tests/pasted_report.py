"""A report of five dated acts, one a paragraph, as an editor pastes it: the review tests
(client and browser) and bench/review_time.py read the same words. No Django here, so the
benchmark script can import it."""

FIJI = "On 3 March 2025, Fiji and China signed a policing agreement in Suva"
PNG = (
    "On 10 March 2025, Chinese police began training 40 officers from Papua New Guinea in "
    "Port Moresby"
)
TIMOR = "On 12 March 2025, Timor-Leste and China announced a joint patrol programme"
RUGBY = "On 14 March 2025, Chinese police officers visited a rugby match in Honiara"
COURSE = (
    "On 18 March 2025, Chinese liaison officers completed police tactical training for local "
    "officers in the Solomon Islands"
)
REPORT = "Pacific policing ties deepen\n\n" + "".join(
    f"{s}.\n" for s in (FIJI, PNG, TIMOR, RUGBY, COURSE)
)
