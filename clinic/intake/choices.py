"""The answer choices of the intake sections, in the clinic's plain words.

Values are stored; labels are what the patient hears. Catalogues that the rules engines own
(pain qualities, aggravating factors, ASAS items, red-flag questions, nerve symptoms) stay in
``clinic.precautions`` and ``clinic.redflags``.
"""

from clinic import precautions, redflags

MAIN_AREAS = [
    ("low_back", "Low back"),
    ("buttock", "Buttock"),
    ("leg", "Leg"),
    ("hip", "Hip"),
    ("pelvis_si", "Pelvis / sacroiliac joint"),
    ("other", "Somewhere else"),
]

PAIN_MORE = [("back", "Back pain"), ("leg", "Leg pain"), ("equal", "About the same")]

RELATED_TO = [
    ("work", "Work"),
    ("mva", "A motor-vehicle accident"),
    ("claim", "A legal or insurance claim"),
    ("none", "None of these"),
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
    ("no", "No"),
    ("yes_old", "Yes, but it has been like this a long time and is not changing"),
    ("yes_new", "Yes, and it is new or getting worse"),
]

TIER_HEADINGS = {
    redflags.EMERGENCY: "Emergency signs",
    redflags.URGENT: "Urgent signs",
    redflags.SOON: "Other things your clinician needs to know",
}

RED_FLAG_YES_NO = [("no", "No"), ("yes", "Yes")]

ONSET_TYPES = [("sudden", "Suddenly"), ("gradual", "Gradually")]

TRIGGERS = [
    ("lifting", "Lifting"),
    ("bending", "Bending"),
    ("twisting", "Twisting"),
    ("fall", "A fall"),
    ("sport", "Sport"),
    ("sitting", "Sitting for a long time"),
    ("pregnancy", "Pregnancy or after giving birth"),
    ("no_clear_cause", "No clear cause"),
    ("other", "Something else"),
]

COURSES = [
    ("improving", "Getting better"),
    ("unchanged", "About the same"),
    ("worsening", "Getting worse"),
    ("fluctuating", "Up and down"),
]

CONSTANCY = [("constant", "There all the time"), ("intermittent", "Comes and goes")]

EASING = [
    ("lying_down", "Lying down"),
    ("lying_knees_bent", "Lying with knees bent"),
    ("walking", "Walking"),
    ("changing_position", "Changing position often"),
    ("heat", "Heat"),
    ("ice", "Ice"),
    ("medication", "Medication"),
    ("stretching", "Stretching"),
    ("massage", "Massage"),
    ("sitting_bending", "Sitting or bending forward"),
    ("swimming", "Swimming"),
]

# Short answer words so one factor fits on one line of a tablet; same values as the engine's.
_EFFECT_WORDS = {"worse": "Worse", "better": "Better", "no_effect": "No effect"}

FACTOR_CHOICES = [(key, _EFFECT_WORDS.get(key, label)) for key, label in precautions.FACTOR_EFFECTS]

DAY_PATTERNS = [
    ("worse_morning", "Worse in the morning"),
    ("worse_evening", "Worse in the evening"),
    ("no_pattern", "No pattern"),
    ("varies_activity", "Depends on what I do"),
]

NIGHT_WAKING = [("never", "Never"), ("sometimes", "Sometimes"), ("every_night", "Every night")]

NEURO_CHOICES = [
    ("no", "No"),
    ("yes_old", "Yes, long-standing and unchanged"),
    ("yes_new", "Yes, new or getting worse"),
]

TREATMENTS = [
    ("massage_nmt", "Massage or neuromuscular therapy"),
    ("physical_therapy", "Physical therapy"),
    ("chiropractic", "Chiropractic"),
    ("osteopathy", "Osteopathy"),
    ("acupuncture", "Acupuncture"),
    ("stretching", "Active Isolated Stretching or other stretching"),
    ("exercise_classes", "Exercise classes"),
    ("injections", "Injections (epidural, facet, sacroiliac joint)"),
    ("surgery", "Surgery"),
    ("medications", "Medications"),
]

TREATMENT_RESPONSES = [
    ("helped", "Helped"),
    ("no_change", "No change"),
    ("worse", "Made it worse"),
]

# (key, label, with a details box?) grouped for the page.
MEDICAL_GROUPS: tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...] = (
    (
        "Cancer, infection and general health",
        (
            ("cancer", "Cancer, at any time", True),
            ("weight_loss", "Losing weight without trying", True),
            ("fever_chills_sweats", "Fever, chills or night sweats", False),
            ("recent_infection", "A recent infection (including a bladder infection)", True),
            ("immunosuppression", "Weakened immune system (medicine, HIV, transplant, TB)", True),
            ("iv_drug_use", "Injecting drugs", False),
            ("kidney", "Kidney disease or kidney stones", False),
            ("hernia", "Hernia", False),
        ),
    ),
    (
        "Bones, joints and spine",
        (
            ("osteoporosis", "Osteoporosis or osteopenia (thin bones)", False),
            ("previous_fracture", "A broken bone in the past", True),
            ("spinal_surgery", "Surgery on the spine", True),
            ("spinal_injection_recent", "A spinal injection in the last 3 months", False),
            ("spondylolisthesis", "Spondylolisthesis (a slipped vertebra)", False),
            ("other_joint_replacement", "A replaced joint other than the hip", True),
            ("hypermobility", "Very flexible joints (hypermobility, Ehlers–Danlos)", False),
            ("fibromyalgia", "Fibromyalgia", False),
        ),
    ),
    (
        "Inflammatory conditions",
        (
            ("axspa", "Ankylosing spondylitis / axial spondyloarthritis", False),
            ("other_inflammatory_arthritis", "Rheumatoid or psoriatic arthritis", False),
            ("psoriasis", "Psoriasis", False),
            ("ibd", "Crohn's disease or ulcerative colitis", False),
            ("uveitis", "Uveitis (an inflamed eye)", False),
        ),
    ),
    (
        "Heart, blood and circulation",
        (
            ("high_blood_pressure", "High blood pressure", False),
            ("heart_disease", "Heart disease", True),
            ("unstable_cardiorespiratory", "A heart or lung condition that is not stable", False),
            ("implanted_device", "Pacemaker, pain pump or nerve stimulator", True),
            ("dvt_pe_history", "A blood clot (DVT) or clot in the lung (PE)", True),
            ("bleeding_disorder", "A bleeding or clotting disorder", False),
            ("stroke_tia", "Stroke or mini-stroke (TIA)", True),
            ("aortic_aneurysm", "Aortic aneurysm", False),
            ("varicose_veins", "Varicose veins", False),
            ("lymphoedema", "Lymphoedema", False),
        ),
    ),
    (
        "Nerves, skin and mood",
        (
            ("diabetes_neuropathy", "Diabetes or nerve damage in the feet", False),
            ("seizures", "Seizures", False),
            ("seizures_uncontrolled", "Seizures that are not well controlled", False),
            ("skin_conditions", "A skin condition", True),
            ("open_wound_or_skin_infection", "An open wound or skin infection now", False),
            ("unhealed_incision", "A surgical wound that has not healed yet", False),
            ("depression_anxiety", "Depression or anxiety", False),
        ),
    ),
    (
        "Recent events and lifestyle",
        (
            (
                "recent_major_trauma",
                "A serious accident or fall recently (car crash, fall from a height)",
                True,
            ),
            ("recent_minor_trauma", "A small fall or lift that started this pain", False),
            ("recent_surgery", "Any other surgery recently", True),
            ("recently_postpartum", "Gave birth in the last 6 months", False),
            ("smoking", "Smokes", False),
            ("alcohol", "Drinks alcohol most days", False),
        ),
    ),
)

HIP_APPROACH_CHOICES = [
    ("posterior", "From the back (posterior)"),
    ("anterior", "From the front (anterior)"),
    ("lateral", "From the side (lateral)"),
    ("unknown", "Not known"),
]

HIP_SIDES = (("left", "Left"), ("right", "Right"))

ALLERGIES = [
    ("drugs", "Medicines"),
    ("latex", "Latex"),
    ("nut_seed_oils", "Nut or seed oils"),
    ("fragrance", "Fragrance"),
    ("lanolin", "Lanolin"),
    ("adhesives", "Adhesive tape or plasters"),
    ("none", "No known allergies"),
]

STEROID_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not sure")]

WORK_STATUS = [
    ("full", "Working, full duties"),
    ("modified", "Working, lighter or changed duties"),
    ("off_work", "Off work because of my back"),
    ("not_employed", "Not employed"),
    ("retired", "Retired"),
]

SLEEP_POSITIONS = [
    ("back", "On my back"),
    ("side", "On my side"),
    ("stomach", "On my stomach"),
    ("varies", "It varies"),
]

JOB_DEMANDS = [
    ("driving", "Driving"),
    ("lifting", "Lifting"),
    ("standing", "Standing"),
    ("sitting", "Sitting"),
]

AGREE = [("no", "No"), ("a_little", "A little"), ("yes", "Yes")]

SUPPORT = [("good", "Good support"), ("some", "Some"), ("little", "Little or none")]

RECOVERY = [
    ("soon", "I expect to get better soon"),
    ("slowly", "Slowly, over months"),
    ("unsure", "I'm not sure"),
    ("not", "I don't think it will get better"),
]
