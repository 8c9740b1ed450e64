"""Fixture texts of the benchmark corpus, written for exolint (not taken from real pages).

Slots in braces are filled by `generate.py`: {t} a treatment, {T} the same capitalised, {clinic}
a clinic name, {city}, {n} a number, {pct} a percentage, {year}, {author}, {journal}, {area}.
`CLEAN_*` texts are neutral or carry their source; `DEFECTS` are the patterns exolint flags.
"""
from __future__ import annotations

TREATMENTS = [
    "exosome facial", "exosome therapy", "microneedling with exosomes", "PRP facial",
    "skin booster injections", "polynucleotide injections", "laser resurfacing", "chemical peel",
    "exosome hair treatment", "dermal filler", "LED light therapy", "radiofrequency microneedling",
]
CLINICS = ["Lumen Skin Studio", "Harbour Aesthetics", "The Glow Rooms", "Northgate Clinic",
           "Velvet Dermal", "Clearwater Skin", "Atelier Derm", "Maple & Stone Aesthetics"]
CITIES = ["London", "Leeds", "Bristol", "Austin", "Denver", "Dublin", "Toronto", "Perth"]
AREAS = ["face", "neck", "scalp", "under-eye area", "decolletage", "back of the hands"]
AUTHORS = ["Okafor", "Lindqvist", "Marchetti", "Nakamura", "Brennan", "Duarte", "Haddad", "Kowalczyk"]
JOURNALS = ["J Cosmet Dermatol", "Dermatol Surg", "Aesthet Surg J", "Skin Res Technol", "J Extracell Vesicles"]
HEADINGS = {
    "what": ["What is {t}?", "About {t}", "{T} explained"],
    "how": ["How does it work?", "The science", "How {t} works"],
    "results": ["Results", "What results can I expect?", "Before and after"],
    "safety": ["Safety and side effects", "Is {t} safe?", "Risks"],
    "price": ["Prices", "Treatment costs", "Packages"],
    "faq": ["Frequently asked questions", "FAQ", "Your questions answered"],
    "refs": ["References", "Sources", "Further reading"],
}

CLEAN_WHAT = [
    "{T} is a course of treatments offered at {clinic} in {city}. Each appointment starts with a consultation "
    "in which a practitioner looks at your skin, asks about your medical history and explains what to expect.",
    "Exosomes are tiny vesicles released by cells. Reviews describe them as roughly 30 to 150 nm across "
    "(Théry et al., J Extracell Vesicles, 2018), which is far smaller than a skin cell.",
    "Many clinics now offer {t}. The products used vary a lot between suppliers, so ask which product "
    "will be used, where it was made and what it contains.",
    "Our practitioners trained in {city} and have offered skin treatments since {year}. We keep a written "
    "record of every product batch used on the {area}.",
]
CLEAN_HOW = [
    "During the session the practitioner cleans the {area}, applies a numbing cream for about twenty "
    "minutes and then works in small sections. Most appointments take under an hour.",
    "Microneedling makes many small channels in the top layer of the skin. Serums applied afterwards "
    "are spread over the surface; how much of them reaches deeper layers is still being studied.",
    "Exosome products for the skin are usually made from cultured cells. In the United States, the FDA "
    "has said that no exosome product is approved for these uses (FDA consumer alert, July 2020).",
    "The skin is usually pink for a day or two. We ask you to avoid make-up for 24 hours, use a gentle "
    "cleanser and wear sunscreen every day for at least two weeks.",
]
CLEAN_RESULTS = [
    "Results differ from person to person. In a small study of {n} adults, {pct}% reported smoother "
    "skin after three sessions ({author} et al., {journal}, {year}).",
    "We will not promise a particular result. Photographs taken at the same distance and light before "
    "each session help you judge changes for yourself.",
    "Most people book three to six sessions four weeks apart. Improvements, where they occur, tend to "
    "build slowly over several months.",
]
CLEAN_SAFETY = [
    "Like any procedure that breaks the skin, {t} carries risks: redness, swelling, bruising, infection "
    "and, rarely, scarring. Your practitioner will go through these with you before you agree to treatment.",
    "Tell us if you are pregnant, have an active skin infection, take blood thinners or have had a "
    "reaction to a skin product before. Some people should not have this treatment.",
    "Injections are invasive procedures, even when they are quick. They should be given by a trained "
    "and registered professional in a clean clinical room.",
]
CLEAN_FAQ = [
    ("How long does a session take?", "Plan for about an hour including the consultation and numbing time."),
    ("Does it hurt?", "Most people describe a scratching or pressure feeling; numbing cream helps."),
    ("When can I go back to work?", "Usually the next day, although the {area} may look pink for a while."),
    ("Can I combine treatments?", "Sometimes. We plan combinations at the consultation, never on the spot."),
    ("Is there a cooling-off period?", "Yes. We ask you to wait at least 48 hours between consultation and "
                                       "a first injection."),
]
FILLER = [
    "Our reception is open from nine until six on weekdays, and until four on Saturdays.",
    "Parking is available behind the building; the nearest bus stop is a two-minute walk away.",
    "You can book online, by phone or in person. We send a reminder two days before your visit.",
    "Please arrive ten minutes early so we can go through the consent form with you.",
    "Gift vouchers are valid for twelve months and can be used for any treatment.",
    "We follow the cancellation policy explained on our booking page.",
    "Our team includes nurses, a dermatologist and two trained aesthetic practitioners.",
    "Aftercare products are optional; a plain moisturiser and sunscreen are enough for most people.",
]
REFERENCES = [
    "[Minimal information for studies of extracellular vesicles (MISEV2018)](https://doi.org/10.1080/20013078.2018.1535750)",
    "[FDA: Consumer alert on regenerative medicine products including stem cells and exosomes]"
    "(https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/consumer-alert-regenerative-medicine-products-including-stem-cells-and-exosomes)",
    "{author} et al. ({year}). A pilot study of {t}. *{journal}*.",
    "[NHS: Cosmetic procedures](https://www.nhs.uk/conditions/cosmetic-procedures/)",
]

#: defect patterns: each produces text a rule of exolint should flag
DEFECTS = [
    # unsourced efficacy percentages
    "{pct}% of our clients see visible results after a single session of {t}.",
    "Clinical results show a {pct}% improvement in fine lines within four weeks.",
    "Up to {pct}% more collagen after one treatment!",
    # false approval claims
    "Our FDA-approved exosome serum is the gold standard for skin renewal.",
    "The FDA has approved exosome therapy for hair loss and skin rejuvenation.",
    "{T} uses MHRA-approved exosomes sourced from certified labs.",
    # implausible or mangled sizes
    "Exosomes measure between 10,000-200,000 nm, small enough to pass deep into the skin.",
    "Each exosome is about 30-150 micrometers wide.",
    "These vesicles are 50–100 mm in size and carry growth factors.",
    "Exosomes are 30150 nm particles that signal to skin cells.",
    "Plan for a course of 46 weeks between sessions.",
    # absolute safety and invasiveness
    "{T} is absolutely safe for every skin type.",
    "It is completely safe with no side effects and no downtime.",
    "A risk-free, non-invasive injection that restores volume in minutes.",
    "Our non-invasive exosome injections need no recovery time.",
    # vague citations
    "Studies show that exosomes reverse ageing.",
    "Research proves that {t} regrows hair in {n} days.",
    "Clinically proven to rejuvenate the {area}.",
    # Cyrillic look-alike letters (е, о, х, а, с are Cyrillic)
    "Our \u0435\u0445\u043esome facial is the best in {city}.",
    "Book your \u0435xosome th\u0435rapy today and save 20%.",
    "Experience the p\u043ewer of \u0441ell-free regeneration.",
]
STUFFING = "Best {t} {city}. {T} {city} prices. Cheap {t} near me {city}. {T} {city} reviews. " * 3
