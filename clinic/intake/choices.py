"""The answer choices of the intake sections, in the clinic's plain words.

Values are stored; labels are what the patient hears. Labels are marked with gettext_noop:
they stay plain English strings here (what staff pages and stored summaries show), and the
patient's intake forms translate them when a form is built (clinic/selfservice/forms.py).
Catalogues that the rules engines own (pain qualities, aggravating factors, ASAS items,
red-flag questions, nerve symptoms) stay in ``clinic.precautions`` and ``clinic.redflags``.
"""

from django.utils.translation import gettext_noop

from clinic import precautions, redflags

MAIN_AREAS = [
    ("low_back", gettext_noop("Low back")),
    ("buttock", gettext_noop("Buttock")),
    ("leg", gettext_noop("Leg")),
    ("hip", gettext_noop("Hip")),
    ("pelvis_si", gettext_noop("Pelvis / sacroiliac joint")),
    ("other", gettext_noop("Somewhere else")),
]

PAIN_MORE = [
    ("back", gettext_noop("Back pain")),
    ("leg", gettext_noop("Leg pain")),
    ("equal", gettext_noop("About the same")),
]

RELATED_TO = [
    ("work", gettext_noop("Work")),
    ("mva", gettext_noop("A motor-vehicle accident")),
    ("claim", gettext_noop("A legal or insurance claim")),
    ("none", gettext_noop("None of these")),
]

# Emergency items that have a counterpart among the nerve symptoms: a long-standing, unchanged
# symptom is not an emergency but is recorded (it raises the "soon" neuro_stable flag instead).
RED_FLAG_NEURO_ITEM = {
    "ces_bladder": "bladder_change",
    "ces_bowel": "bowel_change",
    "ces_saddle": "saddle_numbness",
    "ces_sexual": "sexual_change",
    "ces_bilateral": "both_legs",
    "neuro_progressive": "leg_weakness",
}

NEW_OLD_CHOICES = [
    ("no", gettext_noop("No")),
    ("yes_old", gettext_noop("Yes, but it has been like this a long time and is not changing")),
    ("yes_new", gettext_noop("Yes, and it is new or getting worse")),
]

TIER_HEADINGS = {
    redflags.EMERGENCY: gettext_noop("Emergency signs"),
    redflags.URGENT: gettext_noop("Urgent signs"),
    redflags.SOON: gettext_noop("Other things your clinician needs to know"),
}

RED_FLAG_YES_NO = [("no", gettext_noop("No")), ("yes", gettext_noop("Yes"))]

ONSET_TYPES = [("sudden", gettext_noop("Suddenly")), ("gradual", gettext_noop("Gradually"))]

TRIGGERS = [
    ("lifting", gettext_noop("Lifting")),
    ("bending", gettext_noop("Bending")),
    ("twisting", gettext_noop("Twisting")),
    ("fall", gettext_noop("A fall")),
    ("sport", gettext_noop("Sport")),
    ("sitting", gettext_noop("Sitting for a long time")),
    ("pregnancy", gettext_noop("Pregnancy or after giving birth")),
    ("no_clear_cause", gettext_noop("No clear cause")),
    ("other", gettext_noop("Something else")),
]

COURSES = [
    ("improving", gettext_noop("Getting better")),
    ("unchanged", gettext_noop("About the same")),
    ("worsening", gettext_noop("Getting worse")),
    ("fluctuating", gettext_noop("Up and down")),
]

CONSTANCY = [
    ("constant", gettext_noop("There all the time")),
    ("intermittent", gettext_noop("Comes and goes")),
]

EASING = [
    ("lying_down", gettext_noop("Lying down")),
    ("lying_knees_bent", gettext_noop("Lying with knees bent")),
    ("walking", gettext_noop("Walking")),
    ("changing_position", gettext_noop("Changing position often")),
    ("heat", gettext_noop("Heat")),
    ("ice", gettext_noop("Ice")),
    ("medication", gettext_noop("Medication")),
    ("stretching", gettext_noop("Stretching")),
    ("massage", gettext_noop("Massage")),
    ("sitting_bending", gettext_noop("Sitting or bending forward")),
    ("swimming", gettext_noop("Swimming")),
]

# Short answer words so one factor fits on one line of a tablet; same values as the engine's.
_EFFECT_WORDS = {
    "worse": gettext_noop("Worse"),
    "better": gettext_noop("Better"),
    "no_effect": gettext_noop("No effect"),
}

FACTOR_CHOICES = [(key, _EFFECT_WORDS.get(key, label)) for key, label in precautions.FACTOR_EFFECTS]

DAY_PATTERNS = [
    ("worse_morning", gettext_noop("Worse in the morning")),
    ("worse_evening", gettext_noop("Worse in the evening")),
    ("no_pattern", gettext_noop("No pattern")),
    ("varies_activity", gettext_noop("Depends on what I do")),
]

NIGHT_WAKING = [
    ("never", gettext_noop("Never")),
    ("sometimes", gettext_noop("Sometimes")),
    ("every_night", gettext_noop("Every night")),
]

NEURO_CHOICES = [
    ("no", gettext_noop("No")),
    ("yes_old", gettext_noop("Yes, long-standing and unchanged")),
    ("yes_new", gettext_noop("Yes, new or getting worse")),
]

TREATMENTS = [
    ("massage_nmt", gettext_noop("Massage or neuromuscular therapy")),
    ("physical_therapy", gettext_noop("Physical therapy")),
    ("chiropractic", gettext_noop("Chiropractic")),
    ("osteopathy", gettext_noop("Osteopathy")),
    ("acupuncture", gettext_noop("Acupuncture")),
    ("stretching", gettext_noop("Active Isolated Stretching or other stretching")),
    ("exercise_classes", gettext_noop("Exercise classes")),
    ("injections", gettext_noop("Injections (epidural, facet, sacroiliac joint)")),
    ("surgery", gettext_noop("Surgery")),
    ("medications", gettext_noop("Medications")),
]

TREATMENT_RESPONSES = [
    ("helped", gettext_noop("Helped")),
    ("no_change", gettext_noop("No change")),
    ("worse", gettext_noop("Made it worse")),
]

# (key, label, with a details box?) grouped for the page.
MEDICAL_GROUPS: tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...] = (
    (
        gettext_noop("Cancer, infection and general health"),
        (
            ("cancer", gettext_noop("Cancer, at any time"), True),
            ("weight_loss", gettext_noop("Losing weight without trying"), True),
            ("fever_chills_sweats", gettext_noop("Fever, chills or night sweats"), False),
            (
                "recent_infection",
                gettext_noop("A recent infection (including a bladder infection)"),
                True,
            ),
            (
                "immunosuppression",
                gettext_noop("Weakened immune system (medicine, HIV, transplant, TB)"),
                True,
            ),
            ("iv_drug_use", gettext_noop("Injecting drugs"), False),
            ("kidney", gettext_noop("Kidney disease or kidney stones"), False),
            ("hernia", gettext_noop("Hernia"), False),
        ),
    ),
    (
        gettext_noop("Bones, joints and spine"),
        (
            ("osteoporosis", gettext_noop("Osteoporosis or osteopenia (thin bones)"), False),
            ("previous_fracture", gettext_noop("A broken bone in the past"), True),
            ("spinal_surgery", gettext_noop("Surgery on the spine"), True),
            (
                "spinal_injection_recent",
                gettext_noop("A spinal injection in the last 3 months"),
                False,
            ),
            ("spondylolisthesis", gettext_noop("Spondylolisthesis (a slipped vertebra)"), False),
            ("other_joint_replacement", gettext_noop("A replaced joint other than the hip"), True),
            (
                "hypermobility",
                gettext_noop("Very flexible joints (hypermobility, Ehlers–Danlos)"),
                False,
            ),
            ("fibromyalgia", gettext_noop("Fibromyalgia"), False),
        ),
    ),
    (
        gettext_noop("Inflammatory conditions"),
        (
            ("axspa", gettext_noop("Ankylosing spondylitis / axial spondyloarthritis"), False),
            (
                "other_inflammatory_arthritis",
                gettext_noop("Rheumatoid or psoriatic arthritis"),
                False,
            ),
            ("psoriasis", gettext_noop("Psoriasis"), False),
            ("ibd", gettext_noop("Crohn's disease or ulcerative colitis"), False),
            ("uveitis", gettext_noop("Uveitis (an inflamed eye)"), False),
        ),
    ),
    (
        gettext_noop("Heart, blood and circulation"),
        (
            ("high_blood_pressure", gettext_noop("High blood pressure"), False),
            ("heart_disease", gettext_noop("Heart disease"), True),
            (
                "unstable_cardiorespiratory",
                gettext_noop("A heart or lung condition that is not stable"),
                False,
            ),
            ("implanted_device", gettext_noop("Pacemaker, pain pump or nerve stimulator"), True),
            ("dvt_pe_history", gettext_noop("A blood clot (DVT) or clot in the lung (PE)"), True),
            ("bleeding_disorder", gettext_noop("A bleeding or clotting disorder"), False),
            ("stroke_tia", gettext_noop("Stroke or mini-stroke (TIA)"), True),
            ("aortic_aneurysm", gettext_noop("Aortic aneurysm"), False),
            ("varicose_veins", gettext_noop("Varicose veins"), False),
            ("lymphoedema", gettext_noop("Lymphoedema"), False),
        ),
    ),
    (
        gettext_noop("Nerves, skin and mood"),
        (
            ("diabetes_neuropathy", gettext_noop("Diabetes or nerve damage in the feet"), False),
            ("seizures", gettext_noop("Seizures"), False),
            ("seizures_uncontrolled", gettext_noop("Seizures that are not well controlled"), False),
            ("skin_conditions", gettext_noop("A skin condition"), True),
            (
                "open_wound_or_skin_infection",
                gettext_noop("An open wound or skin infection now"),
                False,
            ),
            ("unhealed_incision", gettext_noop("A surgical wound that has not healed yet"), False),
            ("depression_anxiety", gettext_noop("Depression or anxiety"), False),
        ),
    ),
    (
        gettext_noop("Recent events and lifestyle"),
        (
            (
                "recent_major_trauma",
                gettext_noop("A serious accident or fall recently (car crash, fall from a height)"),
                True,
            ),
            (
                "recent_minor_trauma",
                gettext_noop("A small fall or lift that started this pain"),
                False,
            ),
            ("recent_surgery", gettext_noop("Any other surgery recently"), True),
            ("recently_postpartum", gettext_noop("Gave birth in the last 6 months"), False),
            ("smoking", gettext_noop("Smokes"), False),
            ("alcohol", gettext_noop("Drinks alcohol most days"), False),
        ),
    ),
)

HIP_APPROACH_CHOICES = [
    ("posterior", gettext_noop("From the back (posterior)")),
    ("anterior", gettext_noop("From the front (anterior)")),
    ("lateral", gettext_noop("From the side (lateral)")),
    ("unknown", gettext_noop("Not known")),
]

HIP_SIDES = (("left", gettext_noop("Left")), ("right", gettext_noop("Right")))

ALLERGIES = [
    ("drugs", gettext_noop("Medicines")),
    ("latex", gettext_noop("Latex")),
    ("nut_seed_oils", gettext_noop("Nut or seed oils")),
    ("fragrance", gettext_noop("Fragrance")),
    ("lanolin", gettext_noop("Lanolin")),
    ("adhesives", gettext_noop("Adhesive tape or plasters")),
    ("none", gettext_noop("No known allergies")),
]

STEROID_CHOICES = [
    ("yes", gettext_noop("Yes")),
    ("no", gettext_noop("No")),
    ("unknown", gettext_noop("Not sure")),
]

WORK_STATUS = [
    ("full", gettext_noop("Working, full duties")),
    ("modified", gettext_noop("Working, lighter or changed duties")),
    ("off_work", gettext_noop("Off work because of my back")),
    ("not_employed", gettext_noop("Not employed")),
    ("retired", gettext_noop("Retired")),
]

SLEEP_POSITIONS = [
    ("back", gettext_noop("On my back")),
    ("side", gettext_noop("On my side")),
    ("stomach", gettext_noop("On my stomach")),
    ("varies", gettext_noop("It varies")),
]

JOB_DEMANDS = [
    ("driving", gettext_noop("Driving")),
    ("lifting", gettext_noop("Lifting")),
    ("standing", gettext_noop("Standing")),
    ("sitting", gettext_noop("Sitting")),
]

AGREE = [
    ("no", gettext_noop("No")),
    ("a_little", gettext_noop("A little")),
    ("yes", gettext_noop("Yes")),
]

SUPPORT = [
    ("good", gettext_noop("Good support")),
    ("some", gettext_noop("Some")),
    ("little", gettext_noop("Little or none")),
]

RECOVERY = [
    ("soon", gettext_noop("I expect to get better soon")),
    ("slowly", gettext_noop("Slowly, over months")),
    ("unsure", gettext_noop("I'm not sure")),
    ("not", gettext_noop("I don't think it will get better")),
]
