"""The FAQ and the guide page as they were before they moved into the database, in English
and Spanish. Loaded once by a data migration (and by seed_demo into an empty database);
after that the coordinator edits them in admin, so a change here does not reach a running
site."""

from __future__ import annotations

# (English, Spanish) pairs. Plain text; a blank line starts a new paragraph.
FAQ = [
    (
        ("Privacy", "Privacidad"),
        [
            (
                (
                    "Is what I say in group kept private?",
                    "¿Lo que digo en el grupo queda en privado?",
                ),
                (
                    "Yes. Your therapist keeps what you share confidential, as the law "
                    "requires, and every member agrees before the first meeting to keep who was "
                    "there and what was said inside the group. We cannot promise that every "
                    "member always keeps that promise, so share at a pace that feels right to "
                    "you.",
                    "Sí. Su terapeuta guarda la confidencialidad de lo que usted comparte, como "
                    "lo exige la ley, y antes de la primera reunión cada integrante se compromete "
                    "a no contar fuera del grupo quién estuvo ni lo que se dijo. No podemos "
                    "garantizar que todos cumplan siempre ese compromiso, así que comparta a un "
                    "ritmo que le resulte cómodo.",
                ),
            ),
            (
                ("Are there limits to confidentiality?", "¿Tiene límites la confidencialidad?"),
                (
                    "A few, and we would rather you hear them now. A therapist must act to keep "
                    "people safe if someone is at serious risk of harming themselves or someone "
                    "else, and must report suspected abuse of a child, an elder or a dependent "
                    "adult. A court can sometimes order records. Your therapist will go over "
                    "this with you before you start, and you can ask about it at any time.",
                    "Algunos, y preferimos que los conozca desde ahora. Un terapeuta debe actuar "
                    "para proteger a las personas si alguien corre un riesgo serio de hacerse "
                    "daño o de hacerle daño a otra persona, y debe reportar cualquier sospecha "
                    "de abuso de un niño, de una persona mayor o de un adulto dependiente. En "
                    "algunos casos, un tribunal puede ordenar que se entreguen los expedientes. "
                    "Su terapeuta lo repasará con usted antes de empezar, y usted puede "
                    "preguntar sobre esto en cualquier momento.",
                ),
            ),
            (
                ("What information do you ask for?", "¿Qué datos me van a pedir?"),
                (
                    "Only what we need to contact you and find you a good group. We keep it out "
                    "of email subject lines, and only the staff who work with you can see it.",
                    "Solo lo necesario para comunicarnos con usted y encontrarle un buen grupo. "
                    "Nunca lo ponemos en el asunto de un correo electrónico, y solo el personal "
                    "que trabaja con usted puede verlo.",
                ),
            ),
        ],
    ),
    (
        ("Online groups", "Grupos en línea"),
        [
            (
                (
                    "Can anyone join an online group?",
                    "¿Cualquier persona puede unirse a un grupo en línea?",
                ),
                (
                    "Our therapists are licensed in California, so you need to be located in "
                    "California during each session, wherever you live the rest of the time.",
                    "Nuestros terapeutas tienen licencia en California, así que usted debe "
                    "encontrarse en California durante cada sesión, viva donde viva el resto "
                    "del tiempo.",
                ),
            ),
            (
                (
                    "What do I need for an online session?",
                    "¿Qué necesito para una sesión en línea?",
                ),
                (
                    "A private room where no one else can hear, a steady internet connection, "
                    "and a device with a camera. Please keep your camera on: seeing each other "
                    "is a big part of how a group builds trust. Joining from a car that is "
                    "parked is fine; joining while driving is not.",
                    "Un cuarto privado donde nadie más pueda escuchar, una conexión a internet "
                    "estable y un dispositivo con cámara. Le pedimos que mantenga la cámara "
                    "encendida: vernos unos a otros es una parte importante de cómo un grupo "
                    "construye confianza. Puede conectarse desde un carro estacionado, pero no "
                    "mientras maneja.",
                ),
            ),
        ],
    ),
    (
        ("Who the groups are for", "Para quién son los grupos"),
        [
            (
                ("Do I have to be religious?", "¿Tengo que ser una persona religiosa?"),
                (
                    "No. Our groups are open to people of any belief, or none, and the topics "
                    "are not religious.",
                    "No. Nuestros grupos están abiertos a personas de cualquier creencia, o de "
                    "ninguna, y los temas no son religiosos.",
                ),
            ),
            (
                (
                    "Who can join the men's or women's group?",
                    "¿Quién puede unirse al grupo de hombres o al de mujeres?",
                ),
                (
                    "Anyone who identifies as a man can join the men's group, and anyone who "
                    "identifies as a woman can join the women's group. If neither fits, or you "
                    "are not sure, our relationship-skills groups are open to everyone, and we "
                    "are glad to talk it through with you.",
                    "Toda persona que se identifique como hombre puede unirse al grupo de "
                    "hombres, y toda persona que se identifique como mujer puede unirse al grupo "
                    "de mujeres. Si ninguno de los dos va con usted, o si tiene dudas, nuestros "
                    "grupos de habilidades para la relación están abiertos a todos, y con gusto "
                    "lo platicamos juntos.",
                ),
            ),
            (
                (
                    "Is the practice LGBTQIA+-affirming?",
                    "¿La consulta respalda a las personas LGBTQIA+?",
                ),
                (
                    "Yes. You are welcome here as you are, and so is your partner.",
                    "Sí. Aquí le recibimos tal como es, y a su pareja también.",
                ),
            ),
            (
                (
                    "Is a group the right choice in a crisis?",
                    "¿Un grupo es la opción adecuada en una crisis?",
                ),
                # The crisis lines stay exact in both languages: 988 (Spanish: press 2), 911.
                (
                    "Not on its own. If you are thinking about harming yourself, call or text "
                    "988 (Suicide & Crisis Lifeline) any time, or call 911 in an emergency.",
                    "No por sí solo. Si está pensando en hacerse daño, llame o envíe un mensaje "
                    "de texto al 988 (Línea de Prevención del Suicidio y Crisis; para español, "
                    "marque 2) a cualquier hora, o llame al 911 en una emergencia.",
                ),
            ),
        ],
    ),
    (
        ("Joining", "Cómo unirse"),
        [
            (
                ("What happens after I sign up?", "¿Qué pasa después de inscribirme?"),
                (
                    "Our intake coordinator contacts you for a short conversation to make sure "
                    "the group is a good fit. Your place is confirmed after that call.",
                    "La persona encargada de admisiones se comunicará con usted para una "
                    "conversación breve y así confirmar que el grupo es adecuado para usted. Su "
                    "lugar queda confirmado después de esa llamada.",
                ),
            ),
            (
                ("What if a group is full?", "¿Y si el grupo ya está lleno?"),
                (
                    "You can join its waitlist. If a seat opens, we offer it to the next person "
                    "on the list for a limited time. You can also ask about the next start date.",
                    "Puede anotarse en la lista de espera. Si se libera un lugar, se lo "
                    "ofrecemos a la siguiente persona de la lista por un tiempo limitado. "
                    "También puede preguntar cuándo empieza el próximo grupo.",
                ),
            ),
            (
                ("What does it cost?", "¿Cuánto cuesta?"),
                (
                    "Each group lists its fee. We can give you a superbill to send to your "
                    "insurance for possible out-of-network reimbursement.",
                    "Cada grupo indica su tarifa. Podemos darle un recibo detallado (superbill) "
                    "para que lo envíe a su seguro y solicite un posible reembolso fuera de la "
                    "red.",
                ),
            ),
            (
                ("What if I miss a week?", "¿Y si falto una semana?"),
                (
                    "Life happens. Let your therapist know ahead of time if you can. Because a "
                    "closed group builds week by week, we ask members to plan on attending each "
                    "session.",
                    "Son cosas que pasan. Si puede, avísele a su terapeuta con anticipación. "
                    "Como un grupo cerrado avanza semana a semana, pedimos a cada integrante "
                    "que haga lo posible por asistir a todas las sesiones.",
                ),
            ),
        ],
    ),
]

# (heading, body, table rows); each row is (aspect, support group, therapy group).
GUIDE = [
    (
        ("A support group", "Un grupo de apoyo"),
        (
            "People who share a challenge, such as a divorce, an illness in the family or "
            "caring for a parent, meet to talk and encourage each other. It is usually run by a "
            "volunteer who has been through something similar. Many are free, and you can come "
            "and go as you like. The strength of a support group is that everyone there gets "
            "it.",
            "Personas que enfrentan un mismo reto, como un divorcio, una enfermedad en la "
            "familia o el cuidado de un padre o una madre, se reúnen para hablar y darse ánimo. "
            "Por lo general lo dirige una persona voluntaria que ha vivido algo parecido. "
            "Muchos son gratuitos, y usted puede ir y venir cuando quiera. La fuerza de un grupo "
            "de apoyo es que todos los presentes saben de qué se habla.",
        ),
        [],
    ),
    (
        ("A therapy group", "Un grupo de terapia"),
        (
            "A therapy group is led by a licensed mental-health professional; here, a licensed "
            "marriage and family therapist or a supervised associate. It has a plan and ground "
            "rules that keep it safe: what is said in the room stays in the room, and members "
            "come each week. Meetings mix a little teaching on a topic with guided conversation "
            "and time to practice new ways of responding, with the therapist helping the group "
            "stay kind and useful.",
            "Un grupo de terapia lo dirige un profesional de la salud mental con licencia; "
            "aquí, un terapeuta matrimonial y familiar con licencia o un asociado bajo "
            "supervisión. Tiene un plan y reglas que lo hacen seguro: lo que se dice en el "
            "grupo se queda en el grupo, y los integrantes asisten cada semana. Las reuniones "
            "combinan un poco de enseñanza sobre un tema con conversación guiada y tiempo para "
            "practicar nuevas maneras de responder, y el terapeuta ayuda a que el grupo siga "
            "siendo amable y útil.",
        ),
        [],
    ),
    (
        ("Side by side", "Las diferencias, punto por punto"),
        ("", ""),
        [
            (
                ("Led by", "Quién lo dirige"),
                ("A peer or volunteer", "Un compañero o una persona voluntaria"),
                ("A licensed therapist", "Un terapeuta con licencia"),
            ),
            (
                ("Shape", "Cómo funciona"),
                ("Open conversation", "Conversación libre"),
                (
                    "A topic, guided discussion and practice",
                    "Un tema, conversación guiada y práctica",
                ),
            ),
            (
                ("Ground rules", "Reglas"),
                ("Often informal", "A menudo informales"),
                (
                    "Agreed at the start: confidentiality, attendance, respect",
                    "Se acuerdan al inicio: confidencialidad, asistencia y respeto",
                ),
            ),
            (
                ("Joining", "Cómo unirse"),
                ("Drop in any time", "Puede llegar cuando quiera"),
                (
                    "A short call first, to make sure the group fits you",
                    "Primero, una llamada breve para confirmar que el grupo es para usted",
                ),
            ),
        ],
    ),
    (
        ("Open and closed groups", "Grupos abiertos y grupos cerrados"),
        (
            "An open group welcomes new members as it goes; ours add people at set entry "
            "points, every few weeks, so the group is never thrown off by a new face each "
            "week.\n\n"
            "A closed group starts on a fixed date, meets on a fixed schedule, and ends "
            "together. Everyone attends each session with the same people and the same "
            "therapist. Most of our groups are closed: skills build on each other in order, and "
            "a steady circle of faces makes it easier to speak honestly.",
            "Un grupo abierto recibe a nuevos integrantes sobre la marcha; los nuestros los "
            "suman en fechas de entrada fijas, cada pocas semanas, para que el grupo no se "
            "desacomode con una cara nueva cada semana.\n\n"
            "Un grupo cerrado empieza en una fecha fija, se reúne con un horario fijo y termina "
            "al mismo tiempo para todos. Cada integrante asiste a todas las sesiones con las "
            "mismas personas y el mismo terapeuta. La mayoría de nuestros grupos son cerrados: "
            "las habilidades se van construyendo una sobre otra, en orden, y un círculo estable "
            "de caras conocidas hace más fácil hablar con franqueza.",
        ),
        [],
    ),
]


def _text(field: str, pair: tuple[str, str], plain_column: bool) -> dict[str, str]:
    english, spanish = pair
    values = {f"{field}_en": english, f"{field}_es": spanish}
    if plain_column:  # a migration's models have the untranslated column too
        values[field] = english
    return values


def load(faq_section, faq_entry, guide_section, guide_row, *, plain_column: bool = False) -> None:
    """Write the FAQ and the guide page into empty tables (the models are passed in, so a
    migration can give its historical ones)."""
    if not faq_section.objects.exists():
        for position, (title, entries) in enumerate(FAQ, start=1):
            section = faq_section.objects.create(
                order=position * 10, **_text("title", title, plain_column)
            )
            for number, (question, answer) in enumerate(entries, start=1):
                faq_entry.objects.create(
                    section=section,
                    order=number * 10,
                    **_text("question", question, plain_column),
                    **_text("answer", answer, plain_column),
                )
    if not guide_section.objects.exists():
        for position, (heading, body, rows) in enumerate(GUIDE, start=1):
            section = guide_section.objects.create(
                order=position * 10,
                **_text("heading", heading, plain_column),
                **_text("body", body, plain_column),
            )
            for number, (aspect, support, therapy) in enumerate(rows, start=1):
                guide_row.objects.create(
                    section=section,
                    order=number * 10,
                    **_text("aspect", aspect, plain_column),
                    **_text("support_group", support, plain_column),
                    **_text("therapy_group", therapy, plain_column),
                )
