"""Lay and clinical words that say the same thing, and words of opposite direction.

Shared by the article checker (matching sentences to claims, see :mod:`.check.features`)
and search (a query's lay words also match their clinical equivalents, see
:mod:`.search.lay`). The pack's own names, aliases and search terms link a text to the
entities it names; this table adds the everyday words that are not entity names
("tablets", "runs in families", "goes blind"). Each group is a canonical word and the
words or phrases that mean it; a text that contains any of them gains the canonical word.
The same table is applied to both sides, so either side may use either word. General
English and general medicine only: nothing here names a claim or an entry.
"""

from __future__ import annotations

SYNONYM = "="
"""Prefix of a thesaurus feature ("=drug")."""

GROUPS: dict[str, tuple[str, ...]] = {
    "drug": ("tablet", "tablets", "pill", "pills", "medicine", "medicines", "medication",
             "medications", "meds", "drugs", "drug", "pharmacological", "preparations"),
    "operation": ("surgery", "surgeries", "surgical", "operate", "operated", "operating",
                  "operation", "operations", "neurosurgery", "neurosurgical", "surgeon",
                  "neurosurgeon", "procedure"),
    "injection": ("injection", "injections", "injected", "inject", "shots", "jabs"),
    "vessel": ("artery", "arteries", "arterial loop", "vein", "veins", "blood vessel",
               "blood vessels", "vessel", "vessels", "vascular"),
    "spasm": ("twitch", "twitches", "twitching", "twitchings", "jerk", "jerks", "flicker",
              "flickers", "flickering", "cramp", "cramps", "contraction", "contractions",
              "convulsion", "convulsions", "pulsation", "pulsations", "spasms", "spasm",
              "seizure", "seizures", "attack", "attacks", "tic"),
    "menopause": ("change of life", "menopausal", "after the menopause", "past the menopause"),
    "woman": ("women", "woman", "female", "females", "ladies"),
    "elderly": ("older", "old age", "elderly", "aged", "old people", "older people",
                "seniors", "pensioners", "elderly people"),
    "young": ("young", "younger", "youth", "under 40", "under forty"),
    "hereditary": ("runs in families", "run in families", "runs in the family",
                   "run in the family", "inherited", "inherit", "hereditary", "genetic",
                   "familial", "relatives", "relative", "parent", "parents", "grandparent",
                   "family members", "heredity"),
    "blind": ("blind", "goes blind", "go blind", "blindness", "cannot see",
              "can no longer see", "stops seeing",
              "lose sight", "loses sight", "loss of sight", "loss of vision"),
    "vision": ("sight", "vision", "see", "seeing", "eyesight", "blind", "blindness"),
    "brainstem": ("brain stem", "brain-stem", "brainstem"),
    "pain": ("hurt", "hurts", "painful", "pain", "ache", "aching", "sore", "painless"),
    "common": ("widespread", "common", "frequent", "prevalent", "lots of people",
               "many people", "most families", "rare", "uncommon", "rarely"),
    "weak": ("weak", "weakness", "weakened", "weaken", "paresis", "palsy", "paralysis",
             "droop", "drooping"),
    "sleep": ("sleep", "sleeps", "sleeping", "asleep", "at night", "night"),
    "doctor": ("doctor", "doctors", "physician", "neurologist", "neurologists",
               "specialist", "specialists", "gp"),
    "know": ("know", "knows", "known", "unknown", "unclear", "understood", "mystery"),
    "trigger": ("set off", "sets off", "bring on", "brings on", "brought on", "provoke",
                "provokes", "provoked", "trigger", "triggers", "triggered", "start the",
                "cause attacks", "spark"),
    "immunity": ("immune system", "immunity", "immune", "defences"),
    "cure": ("cure", "cures", "cured", "get rid of", "gets rid of", "got rid of", "rid",
             "eliminate", "eliminated", "eliminates", "remove", "removes", "heal", "heals",
             "make it go away", "go away"),
    "effective": ("help", "helps", "helpful", "effective", "useful", "beneficial",
                  "benefit", "works", "work", "working", "wonders", "useless",
                  "ineffective", "improve", "improves", "relieve", "relieves", "ease",
                  "eases"),
    "close": ("shut", "shuts", "close", "closes", "closing", "closed", "squeeze",
              "squeezes", "squeezed", "screws up", "screw up", "narrow", "narrows"),
    "rise": ("goes up", "go up", "lifts", "lift", "raised", "raises", "rises", "rise",
             ),
    "detect": ("detect", "detects", "detected", "find", "finds", "found", "seen", "show",
               "shows", "shown", "reveal", "reveals", "revealed", "visible", "tell"),
    "diagnosis": ("diagnose", "diagnoses", "diagnosed", "diagnosis", "diagnostic"),
    "compress": ("poultice", "poultices", "compress", "compresses", "wrap", "wraps",
                 "applications", "application", "cloth"),
    "persist": ("persist", "persists", "continue", "continues", "go on", "goes on",
                "keep going", "stop", "stops", "stopped", "disappear", "disappears",
                "vanish", "fade", "subside", "cease", "go away", "goes away", "away",
                "never go", "keeps", "keep", "free"),
    "prevent": ("prevent", "prevents", "prevented", "avoid", "avoids", "head off", "stop",
                "stops", "ward off", "protect", "protects", "protects you"),
    "reduce": ("cut", "cut down", "drop", "dropped", "limit", "reduce", "less", "lower",
               "eliminate", "give up", "cut out"),
    "grow": ("expand", "expands", "spread", "spreads", "spreading", "creeps", "extend",
             "extends", "moves", "passes", "involve", "involved", "grows"),
    "often": ("more often", "more frequent", "more frequently", "more and more often",
              "increasingly", "more regular"),
    "cheek": ("cheek", "cheeks"),
    "mouth": ("mouth", "lips", "lip", "grin", "smile"),
    "face": ("face", "facial", "faces"),
    "fold": ("fold", "folds", "line from the nose", "nasolabial", "crease", "creases"),
    "stress": ("stress", "stressful", "anxiety", "nerves", "tension", "worry"),
    "nerve": ("nerve", "nerves", "neural", "nervous"),
    "imaging": ("scan", "scans", "scanning", "imaging", "mri", "mrt", "ct"),
    "tumour": ("tumour", "tumours", "tumor", "tumors", "growth", "neoplasm", "mass",
               "masses", "cancer"),
    "diet": ("diet", "food", "foods", "eating plenty", "nutrition", "eat more"),
    "long": ("long", "hour", "hours", "sustained", "prolonged", "drag on"),
    "short": ("seconds", "second", "brief", "short", "moment"),
    "recur": ("keeps coming back", "come back", "comes back", "returns", "return",
              "recur", "recurs", "recurring", "again and again", "keep returning"),
    "one-side": ("one side", "one half", "half of the face", "one-sided", "unilateral",
                 "left side", "right side", "on one side", "both sides", "both halves",
                 "bilateral"),
}
"""Canonical word -> words and phrases that mean it (folded text, matched as whole
words)."""

DIRECTIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("up", "upward", "upwards", "rise", "rises", "rising", "rose", "risen", "raise", "raises",
      "raised", "raising", "lift", "lifts", "lifted", "lifting", "elevated", "elevation"),
     ("down", "downward", "downwards", "lowered", "lowers", "lowering", "droop", "droops",
      "drooping", "droopy", "sag", "sags", "sagging")),
    (("more", "increase", "increases", "increased", "increasing"),
     ("less", "fewer", "decrease", "decreases", "decreased", "decreasing", "lessen",
      "lessens", "reduced")),
    (("better", "improve", "improves", "improved", "improvement", "relief", "relieves",
      "eases"),
     ("worse", "worsen", "worsens", "worsening", "aggravate", "aggravates", "aggravated")),
    (("unilateral",), ("bilateral",)),
)
"""Axes of direction: on each, the words of one way and of the other (folded words, matched
whole). A text saying one way of an axis and a name saying only the other describe
opposite things ("the eyebrow rises" against "eyebrow drawn down"). Words with a common
second sense are left out: "lower" and "higher" ("lower lip"), "drop" and "fall" ("drop
coffee", "fall asleep")."""
