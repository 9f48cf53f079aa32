"""What the demo practice says about itself: its offices, therapists and groups, and the
first names and surnames its demo clients are given. Read by practice.seed().

The English is here; the Spanish of the same fields, keyed the same way, is in content_es.py.
"""

from cohorts.models import TherapyGroup

OFFICES = {
    "riverside": {
        "name": "Riverside office",
        "serves": "Serving Riverside, Corona and Moreno Valley",
        "street": "4120 Brockton Ave, Suite 204",
        "city": "Riverside",
        "postal_code": "92501",
        "hours": "Monday to Thursday: 9 am to 8 pm\nFriday: 9 am to 5 pm\nSaturday: 9 am to 3 pm",
        "directions": "Suite 204 is on the second floor: take the stairs or the elevator from "
        "the main lobby.",
        "parking": "Free parking in the lot behind the building, with accessible spaces by the "
        "back entrance. Street parking on Brockton Avenue is free after 6 pm.",
        "transit": "RTA buses stop at Brockton Avenue and 14th Street, a short walk away.",
    },
    "murrieta": {
        "name": "Murrieta office",
        "serves": "Serving the Temecula Valley",
        "street": "25190 Hancock Ave, Suite 110",
        "city": "Murrieta",
        "postal_code": "92562",
        "hours": "Tuesday to Thursday: 10 am to 8 pm\nSaturday: 9 am to 2 pm",
        "directions": "Ground floor, second door on the left.",
        "parking": "Plenty of free parking out front, including accessible spaces by the door.",
        "transit": "RTA buses stop on Hancock Avenue, about five minutes' walk away.",
    },
}

THERAPISTS = {
    "elena": {
        "display_name": "Elena Marquez",
        "slug": "elena-marquez",
        "pronouns": "she/her",
        "credentials": "LMFT",
        "license_number": "LMFT 118240",
        "bio": (
            "Elena has worked with couples and families in the Inland Empire for twelve years. "
            "She leads the women's group and the relationship-skills group held in Spanish, and "
            "believes most of us were never taught how to ask for what we need, and that it can "
            "be learned at any age.\n\n"
            "Sessions with Elena are warm, practical and often include a little laughter."
        ),
    },
    "marcus": {
        "display_name": "Marcus Reed",
        "slug": "marcus-reed",
        "pronouns": "he/him",
        "credentials": "LMFT",
        "license_number": "LMFT 121977",
        "bio": (
            "Marcus spent years coaching youth sports before becoming a therapist, and he still "
            "thinks in terms of practice, not perfection. He leads the men's group and the "
            "relationship-skills groups in Murrieta, with a focus on stress, anger and repair."
        ),
    },
    "jordan": {
        "display_name": "Jordan Avery",
        "slug": "jordan-avery",
        "pronouns": "they/them",
        "credentials": "AMFT",
        "license_number": "AMFT 140311",
        "bio": (
            "Jordan is an associate marriage and family therapist, supervised by Elena Marquez. "
            "They co-lead groups online and bring a gentle, curious style, with special care "
            "for LGBTQIA+ clients and for couples finding their way back to each other."
        ),
    },
}

GROUPS = {
    "mens-group": {
        "name": "Men's group: Steady Ground",
        "focus": TherapyGroup.Focus.MENS,
        "topic": "Stress, anger and connection",
        "summary": (
            "A weekly evening group where men talk honestly about pressure at work and home, "
            "anger that shows up too fast, and staying close to the people who matter."
        ),
        "who_it_is_for": (
            "Men (anyone who identifies as a man) who feel stretched thin, short-tempered or "
            "far from their partner, kids or friends, and who want to do something about it "
            "alongside others who get it."
        ),
        "what_to_expect": (
            "Around eight men and one therapist. Each meeting starts with a short check-in, "
            "then one topic such as noticing anger early or asking for help, and time to try "
            "it out. Nobody is pushed to share before they are ready.\n\n"
            "This group keeps going week after week; new members join every four weeks so the "
            "circle stays steady."
        ),
        "format": TherapyGroup.Format.IN_PERSON,
        "office": "riverside",
        "kind": TherapyGroup.Kind.OPEN,
        "session_minutes": 90,
        "default_capacity": 10,
        "fee_text": "$55 per session; superbills for out-of-network insurance",
    },
    "womens-group": {
        "name": "Women's group: Room to Breathe",
        "focus": TherapyGroup.Focus.WOMENS,
        "topic": "Boundaries, stress and self-worth",
        "summary": (
            "Eight weeks online with a small group of women, learning to set boundaries that "
            "hold and to stop carrying everything alone."
        ),
        "who_it_is_for": (
            "Women (anyone who identifies as a woman) who say yes when they mean no, feel "
            "worn out by looking after everyone else, or want steadier relationships."
        ),
        "what_to_expect": (
            "A closed group of up to eight women who start and finish together. Each week "
            "has a short lesson, a guided conversation and one small thing to try at home. "
            "You join by video from a private room in California, camera on."
        ),
        "format": TherapyGroup.Format.ONLINE,
        "office": None,
        "kind": TherapyGroup.Kind.CLOSED,
        "session_minutes": 90,
        "default_capacity": 8,
        "fee_text": "$60 per session; superbills for out-of-network insurance",
    },
    "calm-conversations": {
        "name": "Relationship skills: Calm Conversations",
        "focus": TherapyGroup.Focus.MIXED,
        "topic": "Communication and repair after conflict",
        "summary": (
            "Practical tools for talking about hard things without it turning into a fight, "
            "and for making up well when it does."
        ),
        "who_it_is_for": (
            "Adults of any gender, single or partnered, who want calmer conversations with a "
            "partner, family or co-parent. Your partner does not need to attend."
        ),
        "what_to_expect": (
            "Eight in-person evenings in Murrieta. Each one teaches a single skill, such as a "
            "gentle start-up, taking a break that actually helps, or repairing after a rupture, "
            "then gives you time to practice it in pairs with the therapist's coaching."
        ),
        "format": TherapyGroup.Format.IN_PERSON,
        "office": "murrieta",
        "kind": TherapyGroup.Kind.CLOSED,
        "session_minutes": 90,
        "default_capacity": 8,
        "fee_text": "$60 per session",
    },
    "couples-skills": {
        "name": "Relationship skills for couples",
        "focus": TherapyGroup.Focus.COUPLES,
        "topic": "Closeness, conflict and teamwork",
        "summary": (
            "Six Saturday mornings online for couples who want to feel like a team again, "
            "learning together with a few other couples."
        ),
        "who_it_is_for": (
            "Couples of any gender or orientation, married or not, who love each other but keep "
            "getting stuck in the same arguments. Both partners attend, from the same room."
        ),
        "what_to_expect": (
            "Up to six couples, two therapists. You will not be asked to air your private "
            "conflicts in front of the group: each meeting teaches a skill, then each couple "
            "practices it privately in a breakout room and comes back to talk about how it went."
        ),
        "format": TherapyGroup.Format.ONLINE,
        "office": None,
        "kind": TherapyGroup.Kind.CLOSED,
        "session_minutes": 120,
        "default_capacity": 12,
        "fee_text": "$120 per couple per session",
    },
}

# Held in Spanish: its English text is for visitors reading the English site.
GROUPS["calma-en-espanol"] = {
    "name": "Calm Conversations, in Spanish",
    "focus": TherapyGroup.Focus.MIXED,
    "topic": "Communication and repair in the family",
    "summary": (
        "Our relationship-skills group held entirely in Spanish: calmer conversations with a "
        "partner, children or parents, and making up well after an argument."
    ),
    "who_it_is_for": (
        "Adults who are more at ease speaking Spanish, single or partnered, who want calmer "
        "conversations at home. Your partner or family do not need to attend."
    ),
    "what_to_expect": (
        "Eight Saturday afternoons in person at our Riverside office, led in Spanish by Elena "
        "Marquez. Each meeting teaches one skill, such as asking for a change without blame or "
        "calming down before answering, then gives you time to practice it with the group."
    ),
    "format": TherapyGroup.Format.IN_PERSON,
    "office": "riverside",
    "kind": TherapyGroup.Kind.CLOSED,
    "sessions_language": TherapyGroup.Language.SPANISH,
    "session_minutes": 90,
    "default_capacity": 8,
    "fee_text": "$60 per session",
}

MEN = [
    "Daniel",
    "Luis",
    "Andre",
    "Tom",
    "Kevin",
    "Ray",
    "Samir",
    "Victor",
    "Eric",
    "Joel",
    "Hector",
    "Brian",
]
WOMEN = [
    "Ana",
    "Grace",
    "Lena",
    "Maria",
    "Tasha",
    "Priya",
    "Beth",
    "Carmen",
    "Joy",
    "Nadia",
    "Linh",
    "Rachel",
    "Sofia",
    "Dana",
]
ANYONE = [
    "Alex",
    "Casey",
    "Robin",
    "Jamie",
    "Morgan",
    "Taylor",
    "Chris",
    "Jesse",
    "Riley",
    "Avery",
    "Sam",
    "Quinn",
    "Toni",
]
SURNAMES = [
    "Garcia",
    "Nguyen",
    "Smith",
    "Lopez",
    "Kim",
    "Johnson",
    "Patel",
    "Rivera",
    "Brown",
    "Chen",
    "Flores",
    "Ward",
]
