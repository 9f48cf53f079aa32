"""What the demo practice says about itself: its offices, therapists and groups, and the
first names and surnames its demo clients are given. Read by practice.seed().

The English is in OFFICES, THERAPISTS and GROUPS; the Spanish of the same fields, keyed the
same way, in the *_ES dictionaries below them (written for a Spanish reader, not word for
word)."""

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

OFFICES_ES = {
    "riverside": {
        "name": "Consultorio de Riverside",
        "serves": "Atendemos a Riverside, Corona y Moreno Valley",
        "hours": "Lunes a jueves: 9 a. m. a 8 p. m.\nViernes: 9 a. m. a 5 p. m.\n"
        "Sábado: 9 a. m. a 3 p. m.",
        "directions": "La suite 204 está en el segundo piso: suba por las escaleras o tome el "
        "elevador desde el vestíbulo principal.",
        "parking": "Estacionamiento gratuito en el lote detrás del edificio, con espacios "
        "accesibles junto a la entrada trasera. En Brockton Avenue puede estacionarse gratis "
        "en la calle después de las 6 p. m.",
        "transit": "Los autobuses de RTA paran en Brockton Avenue y la calle 14, a pocos pasos.",
    },
    "murrieta": {
        "name": "Consultorio de Murrieta",
        "serves": "Al servicio del Valle de Temecula",
        "hours": "Martes a jueves: 10 a. m. a 8 p. m.\nSábado: 9 a. m. a 2 p. m.",
        "directions": "Planta baja, segunda puerta a la izquierda.",
        "parking": "Amplio estacionamiento gratuito enfrente, con espacios accesibles junto a la "
        "puerta.",
        "transit": "Los autobuses de RTA paran en Hancock Avenue, a unos cinco minutos a pie.",
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

THERAPISTS_ES = {
    "elena": {
        "pronouns": "ella",
        "bio": (
            "Elena lleva doce años trabajando con parejas y familias del Inland Empire. Dirige "
            "el grupo de mujeres y el grupo de habilidades para la relación en español, y cree "
            "que a casi nadie le enseñaron a pedir lo que necesita, y que eso se puede aprender "
            "a cualquier edad.\n\n"
            "Las sesiones con Elena son cálidas, prácticas y muchas veces incluyen un poco de risa."
        ),
    },
    "marcus": {
        "pronouns": "él",
        "bio": (
            "Marcus pasó años entrenando equipos deportivos juveniles antes de ser terapeuta, y "
            "todavía piensa en práctica, no en perfección. Dirige el grupo de hombres y los "
            "grupos de habilidades para la relación en Murrieta, con atención especial al "
            "estrés, al enojo y a cómo reparar después de un conflicto."
        ),
    },
    "jordan": {
        "pronouns": "elle",
        "bio": (
            "Jordan es terapeuta matrimonial y familiar asociade (AMFT), con la supervisión de "
            "Elena Marquez. Codirige grupos en línea con un estilo amable y curioso, y pone "
            "especial cuidado con clientes LGBTQIA+ y con parejas que buscan reencontrarse."
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

GROUPS_ES = {
    "mens-group": {
        "name": "Grupo de hombres: Tierra Firme",
        "topic": "Estrés, enojo y conexión",
        "summary": (
            "Un grupo semanal, por la noche, donde los hombres hablan con franqueza de la "
            "presión en el trabajo y en casa, del enojo que llega demasiado rápido y de cómo "
            "seguir cerca de las personas que importan."
        ),
        "who_it_is_for": (
            "Hombres (toda persona que se identifique como hombre) que se sienten al límite, con "
            "poca paciencia o lejos de su pareja, sus hijos o sus amigos, y que quieren hacer "
            "algo al respecto junto a otros que los entienden."
        ),
        "what_to_expect": (
            "Unos ocho hombres y un terapeuta. Cada reunión empieza con una breve ronda para ver "
            "cómo llega cada quien, sigue con un tema, como notar el enojo a tiempo o pedir "
            "ayuda, y deja tiempo para ponerlo en práctica. Nadie tiene que compartir antes de "
            "estar listo.\n\n"
            "Este grupo continúa semana tras semana; cada cuatro semanas se suman nuevos "
            "integrantes, para que el círculo se mantenga estable."
        ),
        "fee_text": "$55 por sesión; recibo detallado (superbill) para seguros fuera de la red",
    },
    "womens-group": {
        "name": "Grupo de mujeres: Espacio para Respirar",
        "topic": "Límites, estrés y autoestima",
        "summary": (
            "Ocho semanas en línea con un grupo pequeño de mujeres, para aprender a poner "
            "límites que se sostengan y dejar de cargar con todo a solas."
        ),
        "who_it_is_for": (
            "Mujeres (toda persona que se identifique como mujer) que dicen que sí cuando "
            "quieren decir que no, que terminan agotadas de cuidar a todos los demás o que "
            "quieren relaciones más estables."
        ),
        "what_to_expect": (
            "Un grupo cerrado de hasta ocho mujeres que empiezan y terminan juntas. Cada semana "
            "hay una lección breve, una conversación guiada y algo pequeño para probar en casa. "
            "Usted se conecta por video desde un cuarto privado en California, con la cámara "
            "encendida."
        ),
        "fee_text": "$60 por sesión; recibo detallado (superbill) para seguros fuera de la red",
    },
    "calm-conversations": {
        "name": "Habilidades para la relación: Conversaciones con Calma",
        "topic": "Comunicación y reparación después de un conflicto",
        "summary": (
            "Herramientas prácticas para hablar de temas difíciles sin que termine en pelea, y "
            "para hacer las paces bien cuando sí pasa."
        ),
        "who_it_is_for": (
            "Adultos de cualquier género, con o sin pareja, que quieren conversaciones más "
            "tranquilas con su pareja, su familia o con quien comparte la crianza de sus hijos. "
            "Su pareja no necesita asistir."
        ),
        "what_to_expect": (
            "Ocho noches presenciales en Murrieta. Cada una enseña una sola habilidad, como "
            "empezar una conversación con suavidad, tomar una pausa que de verdad ayude o "
            "reparar después de un desencuentro, y luego le da tiempo para practicarla en "
            "parejas, con la guía del terapeuta."
        ),
        "fee_text": "$60 por sesión",
    },
    "couples-skills": {
        "name": "Habilidades para la relación en pareja",
        "topic": "Cercanía, conflicto y trabajo en equipo",
        "summary": (
            "Seis sábados por la mañana, en línea, para parejas que quieren volver a sentirse "
            "un equipo, aprendiendo junto con otras parejas."
        ),
        "who_it_is_for": (
            "Parejas de cualquier género u orientación, casadas o no, que se quieren pero "
            "siempre terminan atoradas en las mismas discusiones. Asisten los dos, desde el "
            "mismo cuarto."
        ),
        "what_to_expect": (
            "Hasta seis parejas y dos terapeutas. No se le pedirá que cuente sus conflictos "
            "privados frente al grupo: cada reunión enseña una habilidad, luego cada pareja la "
            "practica a solas en una sala aparte y regresa para comentar cómo le fue."
        ),
        "fee_text": "$120 por pareja por sesión",
    },
    "calma-en-espanol": {
        "name": "Conversaciones con Calma, en español",
        "topic": "Comunicación y reparación en la familia",
        "summary": (
            "Nuestro grupo de habilidades para la relación, todo en español: conversaciones más "
            "tranquilas con la pareja, los hijos o los padres, y cómo hacer las paces después "
            "de una discusión."
        ),
        "who_it_is_for": (
            "Adultos que se sienten más a gusto hablando en español, con o sin pareja, que "
            "quieren conversaciones más tranquilas en casa. Su pareja o su familia no necesitan "
            "asistir."
        ),
        "what_to_expect": (
            "Ocho sábados por la tarde, en persona en nuestro consultorio de Riverside, con "
            "Elena Marquez, todo en español. Cada reunión enseña una habilidad, como pedir un "
            "cambio sin culpar o calmarse antes de responder, y luego le da tiempo para "
            "practicarla con el grupo."
        ),
        "fee_text": "$60 por sesión",
    },
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
