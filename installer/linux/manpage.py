"""Print a short manual page (troff) for hfs-desktop or hfs-kb: installer/build.sh's .deb.

    python3 installer/linux/manpage.py hfs-desktop|hfs-kb VERSION EPOCH
"""

import sys
import time

PAGES = {
    "hfs-desktop": (
        "offline clinical knowledge browser for hemifacial spasm",
        "[--pack DIR] [--open ID] [--search TEXT] [--screenshot PNG] [--smoke] "
        "[--theme system|light|dark] [--graph] [--depth 1|2] [--size WxH]",
        "Opens the HFS Desktop window on the bundled hemifacial spasm knowledge pack "
        "(or the pack in DIR). Search on the left, the page or its graph on the right; "
        "pages print or save as PDF. Nothing is ever fetched from a network.\n"
        ".PP\n--screenshot and --smoke work without a display "
        "(QT_QPA_PLATFORM=offscreen); --smoke starts, searches, uses every feature once "
        "and exits 0 when all work.",
    ),
    "hfs-kb": (
        "work on an HFS Desktop knowledge pack without the window",
        "[--pack DIR] [--no-bundled] [--version] "
        "validate|stats|show|render|references|export|search|index|import-obo|"
        "differential|quiz|check ...",
        "Validates, describes, renders, exports and searches a knowledge pack: "
        "validate prints every problem as file:line:col: error: text and exits 0, 1 or 2; "
        "stats, show, search, differential, quiz and check take --json; render prints an "
        "entity page as HTML and references its numbered sources; export writes JSON or "
        "GraphML; index builds the search index cache (--prebuild: the one shipped with the "
        "app); import-obo turns an OBO ontology into a pack that --pack opens beside the "
        "bundled one; differential ranks hemifacial spasm and its mimics for the findings "
        "given; quiz asks self-test questions; check matches an article's sentences to the "
        "pack's claims. Run hfs-kb COMMAND --help for each command's options.",
    ),
}

name, version, epoch = sys.argv[1], sys.argv[2], int(sys.argv[3])
summary, synopsis, text = PAGES[name]
date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
esc = lambda s: s.replace("-", "\\-")  # noqa: E731
print(f'.TH {name.upper()} 1 "{date}" "{name} {version}" "User Commands"')
print(f".SH NAME\n{esc(name)} \\- {summary}")
print(f".SH SYNOPSIS\n.B {esc(name)}\n{esc(synopsis)}")
print(f".SH DESCRIPTION\n{esc(text)}")
print(".SH SEE ALSO\nhfs\\-desktop(1), hfs\\-kb(1)")
