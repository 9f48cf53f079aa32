"""The demo practice's Spanish: the same fields as content.py's OFFICES, THERAPISTS and
GROUPS, keyed the same way, written for a Spanish reader (usted), not word for word. Read by
practice.seed(), which writes them to modeltranslation's `_es` columns."""

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
