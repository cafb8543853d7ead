"""The library's 36 exercises in Spanish ("usted"), keyed by slug. See __init__.py."""

from __future__ import annotations

# Sentences many exercises share.
SURGERY = "Siga el plan de su cirujano. Su profesional de salud debe aprobar este ejercicio antes."
ANTICOAGULANT = "Al final del movimiento, jale muy suave con la cuerda o con las manos."
HYPERMOBILITY = (
    "Haga un movimiento más pequeño. Pare al sentir el primer estiramiento suave y no se ayude "
    "con las manos ni la cuerda."
)
PREGNANCY_BACK = (
    "Después de unas 16 semanas, pase poco tiempo boca arriba, o haga el ejercicio de lado o "
    "sentada."
)
PREGNANCY_BACK_SHORT = "Después de unas 16 semanas, pase poco tiempo boca arriba."
BREATHE_STRETCH = "Saque el aire al entrar en el estiramiento y tome aire al volver."
BREATHE_LIFT = "Saque el aire al subir y tome aire al bajar."
KEEP_BREATHING = "Siga respirando normal todo el tiempo. No aguante la respiración."
BREATHE_EASY = "Respire con calma todo el tiempo."
HOLD = "Sostenga la posición el tiempo que le indicó su terapeuta."
REPEAT = "Repita."
ROPE_PULL = "Jale suave la cuerda hasta 2 segundos mientras saca el aire."
WHEN_EASY_2 = (
    "Cuando esto le resulte fácil durante una semana, agregue 2 repeticiones. Pregunte antes a "
    "su terapeuta."
)
WHEN_EASY_2_CYCLES = (
    "Cuando esto le resulte fácil durante una semana, agregue 2 ciclos lentos. Pregunte antes a "
    "su terapeuta."
)
HIP_90 = "No doble la cadera más de un ángulo recto (90°)."
HIP_PAST_90 = "Dobla las caderas mucho más allá de un ángulo recto (90°)."
FLEXION_NO = "Doblarse hacia adelante le aumenta el dolor: no haga este ejercicio."
ANTERIOR_HIP_BACK = (
    "Lleva la cadera hacia atrás: después de una prótesis de cadera por delante, pregunte antes "
    "a su profesional de salud."
)
BOTTOM_KNEE = (
    "No abrace la rodilla de abajo más allá de un ángulo recto; ponga una almohada entre las "
    "rodillas."
)
KNEE_OVER_HIP = "La rodilla se queda sobre la cadera. Solo se mueve el pie."
FOOT_BACK = "Vuelva a llevar el pie al centro y relájese."
KNEE_PAIN = "Pare si siente dolor en la rodilla o alrededor de ella."
BREATHE_OUT_LIFT = "Saque el aire al subir; no aguante la respiración."
BRACE = "Apriete suavemente el estómago."
SYMPTOMS_LAST = "Pare si las molestias siguen después de terminar."
ARCH_NO = "Arquear la espalda hacia atrás le aumenta el dolor: no haga este ejercicio."
ARCH_APPROVAL = (
    "Arquear la espalda una y otra vez necesita la aprobación de su profesional de salud."
)
SPREADING = "Pare si las molestias bajan más por la pierna o empeoran, y avise a la clínica."
POOL_NO = "La piscina no es adecuada para usted por ahora (vea sus respuestas del cuestionario)."
WARM_POOL = "Evite las piscinas muy calientes; vaya a un ritmo suave."
POOL_UNWELL = "Salga y descanse si se marea, le falta el aire o se siente mal."
TALK = "Respire con calma; debe poder hablar."


def _t(name, summary, start, steps, cues, stop_rules, precaution_notes, notes):
    return {
        "name": name,
        "summary": summary,
        "start_position": start,
        "steps": steps,
        "cues": cues,
        "stop_rules": stop_rules,
        "precaution_notes": precaution_notes,
        "contraindication_notes": notes,
    }


TRANSLATIONS: dict[str, dict] = {
    "ais-bent-knee-hamstring": _t(
        "Estiramiento AIS de la parte de atrás del muslo, con la rodilla doblada",
        "Estira la parte de arriba de los músculos de atrás del muslo y la nalga, empezando con "
        "la rodilla doblada.",
        "Acuéstese boca arriba sobre una colchoneta. Doble la otra rodilla con ese pie apoyado en "
        "el piso, o deje esa pierna estirada si se siente mejor. Levante la pierna que va a "
        "estirar hasta que la cadera quede doblada en un ángulo recto, y sujete la parte de "
        "atrás de ese muslo con las dos manos.",
        [
            "Apriete los músculos de la parte de adelante del muslo (cuádriceps) para estirar la "
            "rodilla hacia el techo.",
            "Cuando ya no pueda ir más lejos por sí sola, jale suave con las manos hasta 2 "
            "segundos mientras saca el aire.",
            "Doble otra vez la rodilla y deje la pierna totalmente relajada.",
            "Repita. Cada vez puede llegar un poco más lejos.",
        ],
        [
            BREATHE_STRETCH,
            "Mantenga la cabeza y la parte baja de la espalda apoyadas en el piso.",
            "Busque un estiramiento ligero, nunca dolor.",
            "En lugar de usar las manos, puede pasar una cuerda alrededor del pie.",
        ],
        ["Pare si siente hormigueo o pinchazos debajo de la rodilla."],
        "Con ciática, quédese antes de sentir molestias en la pierna, o cambie al deslizamiento "
        "del nervio boca arriba (n.º 30). Después de una prótesis de cadera por detrás, no doble "
        "la cadera más de 90°.",
        {
            "acute_radicular": "Quédese antes de sentir hormigueo en la pierna, o haga en su "
            "lugar el deslizamiento del nervio boca arriba.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-straight-leg-hamstring": _t(
        "Estiramiento AIS de la parte de atrás del muslo, con la pierna estirada",
        "Estira todo el largo de los músculos de atrás del muslo, con una cuerda que ayuda al "
        "final.",
        "Acuéstese boca arriba con la otra rodilla doblada y ese pie apoyado. Pase la cuerda "
        "por el medio (el arco) del pie que va a estirar y sujete las dos puntas. Mantenga esa "
        "rodilla estirada y lleve los dedos del pie suavemente hacia usted.",
        [
            "Apriete la parte de adelante del muslo y suba la pierna, con la rodilla estirada, "
            "hasta que ya no suba más por sí sola.",
            "Suba las manos por la cuerda y ayude a la pierna a ir un poco más lejos, hasta 2 "
            "segundos, mientras saca el aire.",
            "Baje la pierna hasta el piso y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga la parte baja de la espalda relajada sobre el piso.",
            "La cuerda solo ayuda al final. Sus propios músculos suben la pierna.",
        ],
        [
            "Pare si siente hormigueo, ardor o pinchazos debajo de la rodilla. Este "
            "estiramiento jala el nervio ciático (el nervio grande que baja por atrás de la "
            "pierna)."
        ],
        "Estira el nervio ciático: evítelo con dolor agudo que baja por la pierna (use el n.º 30 "
        "o el n.º 1). Mantenga la parte baja de la espalda relajada en el piso.",
        {
            "acute_radicular": "Este estiramiento jala el nervio ciático (el nervio grande que "
            "baja por atrás de la pierna). Haga en su lugar el deslizamiento del nervio (n.º 30) "
            "o la versión con la rodilla doblada (n.º 1).",
            "hip_replacement_posterior": "Mantenga la pierna por debajo de un ángulo recto (90°) "
            "en la cadera.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-single-knee-to-chest": _t(
        "Estiramiento AIS de una rodilla al pecho",
        "Estira la nalga y un lado de la parte baja de la espalda llevando una rodilla hacia el "
        "pecho.",
        "Acuéstese boca arriba con las dos piernas estiradas, o con la otra rodilla doblada y "
        "ese pie apoyado.",
        [
            "Use los músculos de la parte de adelante de la cadera y del estómago para llevar una "
            "rodilla hacia el pecho.",
            "Con las manos detrás del muslo, acerque un poco más la rodilla hasta 2 segundos "
            "mientras saca el aire. No ponga las manos sobre la rótula.",
            "Baje la pierna y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Ponga las manos detrás del muslo para no apretar la rótula.",
            "Mantenga la otra pierna relajada.",
        ],
        [
            "Pare si siente un pellizco en lo profundo de la parte de adelante de la cadera o "
            "en la ingle."
        ],
        "Dobla la espalda hacia adelante. Haga un movimiento más corto si doblarse le molesta y "
        "con osteoporosis; no pase de 90° de cadera después de una prótesis de cadera por "
        "detrás.",
        {
            "flexion_intolerant": "Doblarse hacia adelante le aumenta el dolor: haga un "
            "movimiento pequeño o elija otro estiramiento.",
            "osteoporosis": "Muévase con suavidad y no fuerce la rodilla hacia el pecho.",
            "hip_replacement_posterior": "Suba la rodilla solo hasta un ángulo recto (90°) en la "
            "cadera.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-double-knee-to-chest": _t(
        "Estiramiento AIS de las dos rodillas al pecho",
        "Redondea con suavidad la parte baja de la espalda llevando las dos rodillas hacia el "
        "pecho.",
        "Acuéstese boca arriba con las dos rodillas dobladas y los pies apoyados en el piso.",
        [
            "Apriete el estómago y lleve las dos rodillas hacia el pecho. El coxis (el huesito "
            "del final de la columna) se levanta un poco del piso.",
            "Sujete detrás de los dos muslos y ayude a ir un poco más lejos hasta 2 segundos "
            "mientras saca el aire.",
            "Baje los pies al piso de uno en uno y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Baje un pie a la vez para cuidar la espalda.",
        ],
        ["Pare si al doblarse hacia adelante el dolor baja más por la pierna."],
        "Sirve cuando hay estenosis o cuando arquearse hacia atrás molesta. Evítelo si doblarse "
        "hacia adelante molesta, con osteoporosis, con un problema de disco que empeora al "
        "doblarse, con más de unas 16 semanas de embarazo y después de una prótesis de cadera "
        "por detrás.",
        {
            "flexion_intolerant": FLEXION_NO,
            "osteoporosis": "No se recomienda doblar la columna hasta el final del movimiento.",
            "pregnancy": "No se recomienda después de unas 16 semanas (presión sobre la barriga "
            "y tiempo boca arriba).",
            "hip_replacement_posterior": HIP_PAST_90,
            "acute_radicular": "Haga un movimiento pequeño y pare antes de sentir molestias en "
            "la pierna.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-knee-to-opposite-shoulder": _t(
        "Estiramiento AIS de la nalga: rodilla hacia el hombro contrario",
        "Estira los músculos profundos de la nalga, como el piriforme, llevando una rodilla "
        "cruzada hacia el otro hombro.",
        "Acuéstese boca arriba. Doble la cadera y la rodilla del lado que va a estirar. Sujete "
        "la parte de afuera de esa rodilla con la mano contraria (o pase una cuerda alrededor "
        "de la rodilla).",
        [
            "Use los músculos de la parte de adentro del muslo y de adelante de la cadera para "
            "llevar la rodilla hacia el pecho y cruzarla hacia el otro hombro.",
            "Ayúdela con suavidad hasta 2 segundos mientras saca el aire.",
            "Regrese la rodilla y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga los dos hombros y la parte baja de la espalda en el piso.",
            "Si siente un pellizco en la ingle, suba menos la rodilla.",
        ],
        [
            "Pare si siente un pellizco fuerte en la parte de adelante de la cadera o en la ingle.",
            "Pare si un dolor profundo en la nalga se convierte en hormigueo que baja por la "
            "pierna.",
        ],
        "Se oculta después de una prótesis de cadera por detrás. Un pellizco en la ingle puede "
        "ser un choque dentro de la cadera: reduzca el ángulo. Pare si el dolor profundo de la "
        "nalga se vuelve hormigueo en la pierna.",
        {
            "hip_replacement_posterior": "Cruza la línea del medio del cuerpo con la cadera "
            "doblada: no se permite después de una prótesis de cadera por detrás.",
            "acute_radicular": "Hágalo con suavidad y pare si empieza el hormigueo en la pierna.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-external-rotators": _t(
        "Estiramiento AIS de los músculos que giran la cadera hacia afuera (piriforme)",
        "Estira los músculos pequeños y profundos de atrás de la cadera, como el piriforme, "
        "llevando el pie hacia afuera.",
        "Acuéstese boca arriba. Doble la cadera y la rodilla del lado que va a estirar en "
        "ángulo recto, con el muslo apuntando al techo. Pase la cuerda alrededor de ese "
        "tobillo. Sujete las dos puntas con la mano del mismo lado de la pierna, por fuera de "
        "ella.",
        [
            "Deje el muslo quieto y lleve el pie hacia afuera, lejos de la otra pierna, con los "
            "músculos que giran la cadera hacia adentro.",
            ROPE_PULL,
            FOOT_BACK,
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            KNEE_OVER_HIP,
            "Puede sostener el muslo con la otra mano.",
        ],
        [KNEE_PAIN],
        "Se oculta después de una prótesis de cadera por detrás. Si duele la rodilla: haga un "
        "movimiento más corto o sostenga el muslo.",
        {
            "hip_replacement_posterior": "Gira la cadera hacia adentro cuando está doblada: no "
            "se permite después de una prótesis de cadera por detrás.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-internal-rotators": _t(
        "Estiramiento AIS de los músculos que giran la cadera hacia adentro",
        "Estira los músculos del costado y de adelante de la cadera llevando el pie hacia "
        "adentro, cruzando el cuerpo.",
        "Acuéstese boca arriba con la cadera y la rodilla del lado que va a estirar dobladas en "
        "ángulo recto. Pase la cuerda alrededor de ese tobillo y sujete las puntas con la mano "
        "del lado de adentro de la pierna.",
        [
            "Deje el muslo quieto y lleve el pie hacia adentro, cruzando hacia el otro lado. Lo "
            "hacen los músculos profundos que giran la cadera hacia afuera.",
            ROPE_PULL,
            FOOT_BACK,
            REPEAT,
        ],
        [BREATHE_STRETCH, KNEE_OVER_HIP],
        [KNEE_PAIN],
        "Necesita aprobación después de una prótesis de cadera por delante. Si duele la "
        "rodilla: haga un movimiento más corto.",
        {
            "hip_replacement_anterior": "Gira la cadera hacia afuera: después de una prótesis de "
            "cadera por delante, pregunte antes a su profesional de salud.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-adductors": _t(
        "Estiramiento AIS de la parte de adentro del muslo (aductores)",
        "Estira los músculos de la parte de adentro del muslo llevando la pierna estirada hacia "
        "el costado.",
        "Acuéstese boca arriba con las dos piernas estiradas. Pase la cuerda alrededor del pie "
        "que va a estirar, de modo que rodee la parte de adentro del tobillo, y sujete las "
        "puntas con la mano del mismo lado. Gire esa pierna un poco hacia adentro, con los "
        "dedos del pie apuntando un poco hacia adentro.",
        [
            "Use los músculos de la parte de afuera de la cadera para llevar la pierna hacia el "
            "costado, lejos de la otra pierna. Mantenga la rodilla estirada.",
            ROPE_PULL,
            "Regrese la pierna al centro y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga la rodilla estirada y los dedos del pie un poco hacia adentro.",
            "Mantenga quietas la otra pierna y la pelvis (la cadera).",
        ],
        ["Pare si siente dolor en la parte de adelante de la pelvis o en la ingle."],
        "Con dolor en el pubis o la ingle (por ejemplo, dolor de pelvis del embarazo): haga un "
        "movimiento pequeño o sáltelo.",
        {
            "pregnancy": "Si tiene dolor en la pelvis o en la ingle, haga un movimiento pequeño "
            "o no haga este estiramiento. Después de unas 16 semanas, pase poco tiempo boca "
            "arriba.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-abductors": _t(
        "Estiramiento AIS de la parte de afuera de la cadera (abductores y banda lateral del "
        "muslo)",
        "Estira los músculos de la parte de afuera de la cadera y del muslo llevando la pierna "
        "estirada a través del cuerpo.",
        "Acuéstese boca arriba. Pase la cuerda alrededor del pie que va a estirar, de modo que "
        "rodee la parte de afuera del tobillo, y sujete las puntas con la mano contraria.",
        [
            "Mantenga la pierna estirada y un poco levantada, y use los músculos de la parte de "
            "adentro del muslo para cruzarla por delante del cuerpo.",
            ROPE_PULL,
            "Regrese la pierna y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga las dos caderas en el piso. No se gire de lado.",
        ],
        [],
        "Se oculta después de una prótesis de cadera por detrás (la pierna cruza la línea del "
        "medio).",
        {
            "hip_replacement_posterior": "Lleva la pierna más allá de la línea del medio del "
            "cuerpo: no se permite después de una prótesis de cadera por detrás.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-flexors-side-lying": _t(
        "Estiramiento AIS de la parte de adelante de la cadera (psoas), acostado de lado",
        "Estira los músculos de la parte de adelante de la cadera llevando la pierna de arriba "
        "hacia atrás mientras está acostado de lado.",
        "Acuéstese sobre el lado que no va a estirar, con una almohada bajo la cabeza. Abrace "
        "la rodilla de abajo hacia el pecho para mantener plana la parte baja de la espalda. "
        "La pierna de arriba está estirada, o con la rodilla doblada si le resulta más fácil.",
        [
            "Apriete la nalga y la parte de atrás del muslo para llevar el muslo de arriba hacia "
            "atrás. No arquee la parte baja de la espalda.",
            "Ayude con suavidad con la mano o con una cuerda en el tobillo hasta 2 segundos "
            "mientras saca el aire.",
            "Regrese la pierna en línea con el cuerpo y relájese.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga la rodilla de abajo abrazada todo el tiempo.",
            "Meta un poco el coxis hacia abajo para que el estiramiento se quede en la parte de "
            "adelante de la cadera.",
        ],
        [
            "Pare si le pellizca o le duele la parte baja de la espalda cuando la pierna va hacia "
            "atrás."
        ],
        "Prótesis de cadera por delante: necesita aprobación. Si arquearse hacia atrás molesta: "
        "mantenga la pelvis metida hacia abajo y no arquee la parte baja de la espalda.",
        {
            "hip_replacement_anterior": ANTERIOR_HIP_BACK,
            "extension_intolerant": "Mantenga la pelvis metida hacia abajo y el movimiento "
            "pequeño para que la espalda no se arquee.",
            "hip_replacement_posterior": BOTTOM_KNEE,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-quadriceps-side-lying": _t(
        "Estiramiento AIS de la parte de adelante del muslo (cuádriceps), acostado de lado",
        "Estira los músculos de la parte de adelante del muslo doblando la rodilla de arriba y "
        "llevando el muslo hacia atrás.",
        "Acuéstese de lado con una almohada bajo la cabeza y la rodilla de abajo abrazada "
        "hacia el pecho. Lleve la mano de arriba (o una cuerda) hacia el tobillo de arriba.",
        [
            "Use los músculos de atrás del muslo (isquiotibiales) para doblar la rodilla de "
            "arriba y llevar el talón hacia la nalga.",
            "Luego apriete la nalga para llevar el muslo un poco hacia atrás.",
            "Ayude con la mano o la cuerda hasta 2 segundos mientras saca el aire.",
            "Vuelva al inicio y relájese.",
        ],
        [
            BREATHE_STRETCH,
            "Mantenga plana la parte baja de la espalda. No la arquee para llevar el muslo más "
            "atrás.",
            "Si no alcanza el tobillo, pase una cuerda alrededor de él.",
        ],
        ["Pare si siente dolor en la rodilla. La próxima vez dóblela menos."],
        "Con dolor de rodilla o prótesis de rodilla: doble menos la rodilla. No arquee la parte "
        "baja de la espalda cuando el muslo va hacia atrás.",
        {
            "hip_replacement_anterior": ANTERIOR_HIP_BACK,
            "extension_intolerant": "No lleve el muslo hacia atrás, para que la espalda no se "
            "arquee.",
            "hip_replacement_posterior": BOTTOM_KNEE,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-trunk-flexion": _t(
        "Estiramiento AIS sentado, doblándose hacia adelante (músculos de la parte baja de la "
        "espalda)",
        "Estira los músculos largos de la parte baja de la espalda bajando el tronco entre las "
        "rodillas, sentado.",
        "Siéntese en una silla firme con los pies apoyados y separados y las manos sobre los "
        "muslos.",
        [
            "Meta la barbilla, apriete el estómago y baje el tronco entre las rodillas, "
            "enrollando la columna poco a poco.",
            "Con las manos en las espinillas o los tobillos, ayude a ir un poco más abajo hasta "
            "2 segundos mientras saca el aire.",
            "Suba despacio con los músculos de la espalda mientras toma aire.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Si se marea, vaya más despacio y suba con más calma.",
        ],
        ["Pare si se marea o siente que se va a desmayar."],
        "Se oculta con osteoporosis y cuando doblarse hacia adelante molesta. Si hay mareo: más "
        "despacio.",
        {
            "osteoporosis": "No se recomienda doblar la columna hacia adelante con peso.",
            "flexion_intolerant": FLEXION_NO,
            "hip_replacement_posterior": HIP_PAST_90,
            "acute_radicular": "Baje solo una parte del camino y pare antes de sentir molestias "
            "en la pierna.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-side-bend": _t(
        "Estiramiento AIS sentado, doblándose de lado (cuadrado lumbar y oblicuos)",
        "Estira los músculos del costado de la parte baja de la espalda y de la cintura "
        "doblándose de lado, sentado.",
        "Siéntese derecho en una silla firme, con las dos nalgas bien apoyadas en el asiento. "
        "Apoye una mano en el muslo del lado hacia el que se va a doblar y la otra mano en el "
        "pecho.",
        [
            "Dóblese de lado, hacia el lado contrario al que estira, usando los músculos del "
            "costado hacia el que se dobla.",
            "Deje que la mano baje por el muslo y ayude un poco hasta 2 segundos mientras saca "
            "el aire.",
            "Vuelva a sentarse derecho.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenga los dos huesos de sentarse apoyados en la silla.",
            "Dóblese derecho hacia el lado, no hacia adelante.",
        ],
        ["Pare si siente cualquier molestia en la pierna."],
        "Mantenga los dos huesos de sentarse (isquiones) en el asiento. Pare con cualquier "
        "molestia en la pierna.",
        {
            "osteoporosis": "Dóblese de lado poco y despacio, y no empuje al final.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-trunk-rotation": _t(
        "Estiramiento AIS sentado, girando el tronco",
        "Estira los músculos que giran el tronco con un giro suave, sentado.",
        "Siéntese derecho en una silla firme con los pies apoyados y los brazos cruzados sobre "
        "el pecho.",
        [
            "Gire el tronco hacia un lado usando los músculos del costado del estómago "
            "(oblicuos). Mantenga las caderas y las rodillas mirando hacia adelante.",
            "Lleve una mano al respaldo de la silla y ayude a girar un poco más hasta 2 "
            "segundos mientras saca el aire.",
            "Vuelva a mirar hacia el frente.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Siéntese derecho: gire alrededor de su columna como si fuera un palo.",
        ],
        ["Pare si el giro le da un dolor fuerte en la espalda."],
        "Se oculta con osteoporosis (giro hasta el final). Con dolor agudo de disco: movimiento "
        "pequeño.",
        {
            "osteoporosis": "No se recomienda girar la columna hasta el final del movimiento.",
            "acute_radicular": "Si tiene un problema de disco reciente, gire poco.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-calf": _t(
        "Estiramiento AIS de la pantorrilla (gemelos y sóleo)",
        "Estira la pantorrilla llevando el pie hacia la espinilla, con una cuerda que ayuda al "
        "final.",
        "Acuéstese boca arriba (o siéntese) con la cuerda alrededor de la planta del pie, bajo "
        "los dedos. La pierna que va a estirar descansa estirada en el piso.",
        [
            "Use los músculos de adelante de la espinilla para llevar los dedos y el pie hacia "
            "la espinilla.",
            ROPE_PULL,
            "Estire la punta del pie hacia adelante para relajar.",
            "Alterne las series: rodilla estirada, y luego rodilla un poco doblada para llegar "
            "al músculo más profundo de la pantorrilla (sóleo).",
        ],
        [
            BREATHE_STRETCH,
            "Alterne las series: rodilla estirada, y luego rodilla un poco doblada.",
        ],
        [
            "No haga este ejercicio si la pantorrilla le duele de nuevo, está hinchada, caliente "
            "o roja. Puede ser un coágulo de sangre: busque atención médica el mismo día."
        ],
        "Si se sospecha un coágulo en la pierna (dolor de pantorrilla con hinchazón): no "
        "estire; siga los consejos de urgencia.",
        {
            "acute_radicular": "Mantenga la pierna apoyada en el piso o la rodilla doblada; "
            "llevar el pie hacia arriba con la pierna levantada estira el nervio.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "abdominal-brace": _t(
        "Activación del abdomen (meter la barriga)",
        "Enseña a activar con suavidad los músculos profundos del estómago que sostienen la "
        "parte baja de la espalda.",
        "Acuéstese boca arriba con las rodillas dobladas y los pies apoyados. Ponga las manos "
        "sobre la parte baja de la barriga.",
        [
            "Respire normal.",
            "Meta suavemente la parte baja de la barriga, o ponga firme el tronco como si "
            "alguien le fuera a dar un empujoncito. Use solo una cuarta parte de toda su fuerza.",
            "Sostenga el tiempo que le indicó su terapeuta, y siga respirando.",
            "Suelte y descanse.",
        ],
        [
            KEEP_BREATHING,
            "Esfuerzo suave: debe poder hablar.",
            "Más adelante puede practicarlo sentado, de pie y mientras se mueve.",
        ],
        [],
        "Control del movimiento con poca carga. Sin aguantar la respiración ni pujar.",
        {
            "cardiovascular": "Siga respirando todo el tiempo; nunca aguante la respiración.",
            "pregnancy": "Después de unas 16 semanas, practíquelo acostada de lado, sentada o "
            "en cuatro puntos (manos y rodillas).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "posterior-pelvic-tilt": _t(
        "Inclinación de la pelvis, acostado boca arriba",
        "Aplana con suavidad la parte baja de la espalda contra el piso inclinando la pelvis, "
        "con los músculos del estómago y de las nalgas.",
        "Acuéstese boca arriba con las rodillas dobladas y los pies apoyados en el piso.",
        [
            "Saque el aire e incline la pelvis para que el hueso del pubis suba hacia las "
            "costillas. La parte baja de la espalda se aplana contra el piso.",
            HOLD,
            "Deje que la pelvis vuelva a su posición natural.",
        ],
        [
            "Saque el aire al inclinar la pelvis y tome aire al soltar.",
            "Movimiento pequeño y suave, solo hasta donde esté cómodo.",
            "Cuando esto le resulte fácil durante una semana, agregue 2 repeticiones o 2 "
            "segundos a cada sostenida, una cosa a la vez. Pregunte antes a su terapeuta.",
        ],
        [],
        "Solo hasta donde no duela. Para avanzar: sentado o de pie contra la pared.",
        {
            "pregnancy": "Después de unas 16 semanas, haga la inclinación de pie contra la "
            "pared o en cuatro puntos (manos y rodillas).",
            "flexion_intolerant": "Incline poco la pelvis; redondea un poco la parte baja de la "
            "espalda.",
            "cardiovascular": "Saque el aire al inclinar; no aguante la respiración.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "glute-bridge": _t(
        "Puente de glúteos",
        "Fortalece los músculos de las nalgas y los que dan firmeza a la parte baja de la "
        "espalda y la pelvis.",
        "Acuéstese boca arriba con las rodillas dobladas, los pies apoyados y separados al "
        "ancho de las caderas, y los brazos a los lados.",
        [
            "Apriete suavemente el estómago, como en la activación del abdomen.",
            "Empuje con los talones y suba las caderas hasta que los hombros, las caderas y las "
            "rodillas formen una línea recta. No arquee la espalda.",
            HOLD,
            "Baje despacio.",
        ],
        [
            BREATHE_LIFT,
            "Cuando le resulte fácil, pregunte a su terapeuta si puede hacerlo más días a la "
            "semana.",
            "Si le da un calambre atrás del muslo, acerque un poco los pies a las nalgas.",
        ],
        [],
        "Para avanzar: banda alrededor de las rodillas, marcha en el puente, puente con una "
        "pierna (n.º 19).",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "cardiovascular": BREATHE_OUT_LIFT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "single-leg-bridge": _t(
        "Puente con una pierna",
        "Un puente más difícil, con una sola pierna, que también enseña a mantener la pelvis "
        "nivelada.",
        "Acuéstese boca arriba como para el puente. Estire una rodilla de modo que los dos "
        "muslos queden a la misma altura.",
        [
            BRACE,
            "Empuje con el talón de la pierna doblada y suba las caderas. Mantenga la pelvis "
            "nivelada, sin que baje de un lado.",
            "Baje despacio y con control.",
            "Termine la serie y luego cambie de pierna.",
        ],
        [
            BREATHE_LIFT,
            "Cuando esto le resulte fácil durante una semana, agregue 1 repetición de cada "
            "lado. Pregunte antes a su terapeuta.",
            "Mantenga las caderas niveladas, como si llevara un vaso de agua sobre la barriga.",
        ],
        [],
        "Pase a este solo cuando el puente con las dos piernas (n.º 18) sea fácil y no duela.",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "cardiovascular": BREATHE_OUT_LIFT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "clamshell": _t(
        "Almeja",
        "Fortalece los músculos del costado y de atrás de la cadera, acostado de lado.",
        "Acuéstese de lado con una almohada bajo la cabeza. Doble un poco las caderas (unos "
        "45°) y las rodillas en ángulo recto. Mantenga los pies juntos y una cadera justo "
        "encima de la otra.",
        [
            "Con los pies juntos, suba la rodilla de arriba sin dejar que la pelvis se vaya "
            "hacia atrás.",
            HOLD,
            "Baje la rodilla despacio.",
        ],
        [
            BREATHE_LIFT,
            "Ponga la mano de arriba sobre la cadera para sentir que la pelvis no se mueve.",
            WHEN_EASY_2,
            "Más adelante, una banda elástica encima de las rodillas lo hace más difícil.",
        ],
        [],
        "Prótesis de cadera por detrás: cadera doblada menos de 90° y una almohada entre las "
        "rodillas. Para avanzar: banda encima de las rodillas.",
        {
            "hip_replacement_posterior": "Doble las caderas menos de un ángulo recto y ponga "
            "una almohada entre las rodillas.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "side-lying-hip-abduction": _t(
        "Subir la pierna acostado de lado (abducción de cadera)",
        "Fortalece los músculos del costado de la cadera que mantienen la pelvis nivelada al "
        "caminar.",
        "Acuéstese de lado con una almohada bajo la cabeza. Doble la rodilla de abajo. "
        "Mantenga la pierna de arriba estirada, en línea con el cuerpo, con los dedos del pie "
        "hacia adelante.",
        [
            "Suba la pierna de arriba, un poco por detrás de la línea del cuerpo, hasta unos 30 "
            "a 40°.",
            HOLD,
            "Bájela despacio.",
        ],
        [
            BREATHE_LIFT,
            "No deje que la pelvis se vaya hacia atrás ni suba la cadera hacia las costillas.",
            "Guíe el movimiento con el talón; los dedos del pie miran hacia adelante.",
        ],
        [],
        "Vigile que la pelvis no se vaya hacia atrás ni suba la cadera (señal de que trabaja "
        "el músculo de adelante del costado de la cadera en lugar del correcto).",
        {"recent_spinal_surgery": SURGERY},
    ),
    "bird-dog": _t(
        "Perro de caza (brazo y pierna contrarios)",
        "Entrena los músculos de la espalda y las nalgas para mantener firme la columna "
        "mientras se mueven el brazo y la pierna.",
        "Póngase en cuatro puntos: manos bajo los hombros, rodillas bajo las caderas y espalda "
        "plana (ni arqueada ni redondeada). Apriete un poco el estómago.",
        [
            "Estire una pierna hacia atrás hasta la altura de la cadera. Al mismo tiempo estire "
            "el brazo contrario hacia adelante, a la altura del hombro.",
            "No se balancee ni arquee la espalda. Sostenga el tiempo que le indicó su terapeuta.",
            "Vuelva a apoyar manos y rodillas y luego cambie de lado.",
        ],
        [
            KEEP_BREATHING,
            "Imagine una taza de té sobre la parte baja de la espalda: no la derrame.",
            "¿Muy difícil? Mueva solo la pierna, o solo el brazo.",
            "Si le duelen las muñecas: apóyese en los puños o los antebrazos. Si le duelen las "
            "rodillas: póngase un cojín debajo.",
        ],
        [],
        "Pirámide que baja al estilo McGill (menos repeticiones en cada ronda) si el cansancio "
        "afecta la postura; sostenidas de hasta unos 10 s.",
        {
            "cardiovascular": "Siga respirando mientras sostiene.",
            "extension_intolerant": "Suba la pierna solo hasta donde pueda sin arquear la espalda.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "dead-bug": _t(
        "Bicho muerto",
        "Entrena los músculos del estómago para mantener quieta la parte baja de la espalda "
        "mientras se mueven los brazos y las piernas.",
        "Acuéstese boca arriba con las caderas y las rodillas dobladas en ángulo recto (como "
        "una mesa) y los brazos apuntando al techo. La parte baja de la espalda descansa "
        "suavemente en el piso.",
        [
            "Saque el aire mientras baja despacio un talón hacia el piso. Si puede, lleve al "
            "mismo tiempo el brazo contrario hacia atrás, por encima de la cabeza. No deje que "
            "la espalda se arquee.",
            "Regréselos.",
            "Repita con el otro brazo y la otra pierna.",
        ],
        [
            "Saque el aire cuando baja la pierna.",
            "La parte baja de la espalda sigue tocando suavemente el piso todo el tiempo.",
            "Versión más fácil: mantenga la rodilla doblada y solo toque el piso con el talón.",
            "Cuando esto le resulte fácil durante una semana, agregue 2 repeticiones de cada "
            "lado. Pregunte antes a su terapeuta.",
        ],
        ["Pare si la espalda se despega del piso o empieza a doler."],
        "Control para no arquear la espalda. Versión más fácil: toques de talón con las "
        "rodillas dobladas.",
        {
            "pregnancy": "Después de unas 16 semanas, haga en su lugar el perro de caza (n.º 22).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "modified-side-plank": _t(
        "Plancha de lado con las rodillas apoyadas",
        "Da resistencia a los músculos del costado del tronco y de la cadera.",
        "Acuéstese de lado apoyado en el antebrazo, con el codo debajo del hombro. Doble las "
        "rodillas en ángulo recto, con las caderas en línea con el tronco.",
        [
            "Suba las caderas hasta que las rodillas, las caderas y los hombros formen una línea "
            "recta.",
            "Sostenga el tiempo que le indicó su terapeuta, respirando normal.",
            "Baje las caderas al piso.",
        ],
        [
            KEEP_BREATHING,
            "Mantenga el cuerpo en una sola línea: no deje que las caderas se caigan ni se "
            "vayan hacia atrás.",
            "Cuando esto le resulte fácil durante una semana, agregue 5 segundos a cada "
            "sostenida o 1 sostenida más, una cosa a la vez. Pregunte antes a su terapeuta.",
        ],
        ["Pare si siente dolor en el hombro en el que se apoya."],
        "Con dolor de hombro: plancha de lado contra la pared (de pie, con el antebrazo en la "
        "pared). Para avanzar: plancha de lado completa, apoyado en los pies.",
        {
            "cardiovascular": "Sostenga poco tiempo y respire todo el tiempo.",
            "pregnancy": "Quédese con esta versión sobre las rodillas y sostenga poco tiempo.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "mcgill-curl-up": _t(
        "Abdominal de McGill",
        "Fortalece los músculos del estómago mientras la parte baja de la espalda mantiene su "
        "curva natural.",
        "Acuéstese boca arriba con una rodilla doblada y la otra pierna estirada. Ponga las "
        "manos, con las palmas hacia abajo, debajo de la curva de la parte baja de la espalda "
        "para mantener esa curva natural.",
        [
            BRACE,
            "Levante la cabeza y los hombros 2 o 3 centímetros del piso, todo junto. No saque la "
            "barbilla hacia adelante.",
            "Sostenga el tiempo que le indicó su terapeuta, respirando.",
            "Baje. A mitad de la serie, cambie la rodilla que está doblada.",
        ],
        [
            KEEP_BREATHING,
            "Imagine que la cabeza y el cuello descansan en una bandeja que sube con los hombros.",
            "Si hace más de una ronda, haga menos repeticiones en cada ronda siguiente.",
        ],
        [],
        "Mejor que los abdominales completos, que cargan mucho la columna al doblarla. Con "
        "dolor de cuello: sostenga la cabeza con una mano.",
        {
            "pregnancy": "No se recomienda trabajar los músculos del estómago boca arriba "
            "después de unas 16 semanas.",
            "osteoporosis": "Suba muy poco; no haga abdominales completos.",
            "cardiovascular": "Respire mientras sostiene.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "cat-camel": _t(
        "Gato y camello (movimiento suave de la columna)",
        "Un calentamiento lento que mueve cada parte de la columna con suavidad, por la mitad "
        "de su recorrido.",
        "Póngase en cuatro puntos, con las manos bajo los hombros y las rodillas bajo las caderas.",
        [
            "Redondee despacio la espalda hacia el techo y deje caer la cabeza (camello).",
            "Luego deje que la espalda baje suavemente y levante un poco la cabeza (gato).",
            "Siga moviéndose entre las dos posiciones, sin llegar a los extremos.",
        ],
        [
            "Saque el aire al redondear la espalda y tome aire al dejarla bajar.",
            "Es un movimiento, no un estiramiento: no empuje hasta el final.",
            WHEN_EASY_2_CYCLES,
            "Es un buen calentamiento antes de otros ejercicios.",
        ],
        [],
        "Movilidad de cada parte de la columna, solo por la mitad del recorrido. Sirve en el "
        "embarazo, con suavidad.",
        {
            "osteoporosis": "Haga un movimiento pequeño.",
            "flexion_intolerant": "Redondee la espalda solo un poco.",
            "extension_intolerant": "Deje bajar la espalda solo un poco.",
            "spondylolisthesis": "Deje bajar la espalda muy poco.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "heel-slides": _t(
        "Deslizar el talón, acostado boca arriba",
        "Enseña a mantener firme la pelvis mientras se mueve una pierna; es un buen primer "
        "ejercicio cuando el dolor es fuerte.",
        "Acuéstese boca arriba con las rodillas dobladas y los pies apoyados. Apriete un poco "
        "el estómago.",
        [
            "Deslice un talón por el piso hasta que esa pierna quede estirada.",
            "Deslícelo de vuelta al inicio. La pelvis no debe balancearse.",
            "Repita y luego cambie de pierna.",
            "Otra versión: levante un pie 2 o 3 centímetros, como si marchara, y vuelva a bajarlo.",
        ],
        [
            "Saque el aire cuando la pierna se aleja y tome aire cuando vuelve.",
            "Ponga las manos sobre los huesos de adelante de la cadera para sentir que no se "
            "mueven.",
        ],
        [],
        "Sirve en la etapa de dolor muy fuerte como primer ejercicio de control.",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "hip-hinge-dowel": _t(
        "Bisagra de cadera con un palo",
        "Enseña a doblarse hacia adelante desde las caderas con la espalda recta, para que al "
        "agacharse y levantar cosas cada día cuide la parte baja de la espalda.",
        "Párese con los pies separados al ancho de las caderas. Sujete un palo de escoba a lo "
        "largo de la espalda, de modo que toque la parte de atrás de la cabeza, la parte de "
        "arriba de la espalda y el hueso plano del final de la columna (sacro).",
        [
            "Afloje un poco las rodillas.",
            "Lleve las caderas hacia atrás e incline el tronco hacia adelante. Mantenga los tres "
            "puntos tocando el palo.",
            "Vuelva a ponerse derecho apretando las nalgas.",
        ],
        [
            "Tome aire al inclinarse hacia adelante y saque el aire al ponerse derecho.",
            "Si el palo se despega de la cabeza o de la parte baja de la espalda, está doblando "
            "la columna: baje menos.",
            "Más adelante, practique levantar un objeto liviano de una superficie alta de la "
            "misma forma.",
        ],
        ["Pare si las molestias bajan por la pierna."],
        "Buena opción con osteoporosis (columna en posición neutra). Pare si las molestias "
        "bajan por la pierna.",
        {
            "balance_impairment": "Párese junto a la encimera de la cocina o una silla firme de "
            "la que se pueda sujetar.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "sit-to-stand": _t(
        "Sentarse y pararse",
        "Fortalece los muslos y las nalgas con el movimiento de todos los días de levantarse "
        "de una silla.",
        "Siéntese en la mitad de adelante de una silla firme, con los pies apoyados y "
        "separados al ancho de las caderas y los brazos cruzados sobre el pecho.",
        [
            "Inclínese hacia adelante desde las caderas, con la espalda recta.",
            "Párese sin usar las manos.",
            "Vuelva a sentarse despacio y con control.",
        ],
        [
            "Saque el aire al pararse.",
            WHEN_EASY_2,
            "¿Muy difícil? Use un asiento más alto o empújese con las manos.",
            "Ponga la silla contra la pared para que no se deslice.",
        ],
        [],
        "Prótesis de cadera por detrás: asiento alto, sin inclinarse tanto que la cadera pase "
        "de 90°. Versión más fácil: asiento más alto o con las manos.",
        {
            "hip_replacement_posterior": "Use un asiento alto y no se incline tanto que las "
            "caderas se doblen más de un ángulo recto.",
            "balance_impairment": "Tenga un apoyo firme a su alcance y párese despacio.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "supine-sciatic-nerve-slider": _t(
        "Deslizamiento del nervio ciático, acostado boca arriba",
        "Hace deslizar con suavidad el nervio ciático (el nervio grande que baja por atrás de "
        "la pierna) sin estirarlo.",
        "Acuéstese boca arriba. Sujete detrás de la rodilla del lado que trabaja, con la "
        "cadera doblada en más o menos un ángulo recto (menos si le duele la pierna). Lleve la "
        "barbilla suavemente hacia el pecho.",
        [
            "Estire la rodilla hacia el techo mientras apoya la cabeza hacia atrás en el piso. "
            "Deje el tobillo relajado.",
            "Doble otra vez la rodilla mientras lleva la barbilla hacia el pecho.",
            "Haga los dos movimientos juntos y suaves, y quédese antes de sentir molestias.",
        ],
        [
            BREATHE_EASY,
            "Debe sentir como mucho un estiramiento leve y corto.",
            "Versión más sencilla: deje la rodilla un poco doblada y mueva despacio el pie, "
            "punta hacia adelante y hacia usted.",
            WHEN_EASY_2_CYCLES,
        ],
        [
            SYMPTOMS_LAST,
            "Pare si siente más que un estiramiento leve y corto detrás de la rodilla.",
        ],
        "Es un deslizamiento (se carga un extremo del nervio y se descarga el otro). Evite "
        "tensar el nervio por los dos extremos a la vez salvo indicación. Las molestias no "
        "deben durar.",
        {
            "acute_radicular": "Este es el ejercicio de nervio más indicado para usted: quédese "
            "a mitad del recorrido y antes de sentir molestias.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "seated-slump-slider": _t(
        "Deslizamiento del nervio, sentado",
        "Hace deslizar el nervio grande que baja por atrás de la pierna (nervio ciático) y los "
        "nervios de la columna mientras está sentado, sin estirarlos.",
        "Siéntese cerca del borde de adelante de una silla, deje que la espalda se redondee un "
        "poco y ponga las manos detrás de la espalda.",
        [
            "Estire una rodilla y lleve los dedos del pie hacia usted mientras mira al techo.",
            "Doble otra vez la rodilla mientras mira hacia abajo, con la barbilla hacia el pecho.",
            "Siga moviéndose suavemente entre las dos posiciones.",
        ],
        [
            BREATHE_EASY,
            "Si al encorvarse siente molestias, siéntese derecho: funciona igual de bien.",
            "Cuando esto le resulte fácil durante una semana, agregue 2 ciclos. Pregunte antes "
            "a su terapeuta.",
        ],
        [
            SYMPTOMS_LAST,
            "Pare si siente más que un estiramiento leve y corto.",
        ],
        "Como el n.º 30. El nervio se mueve casi lo mismo sentado derecho o encorvado, así que "
        "siéntese derecho si encorvarse le da molestias.",
        {
            "acute_radicular": "Siéntese derecho, quédese a mitad del recorrido y antes de "
            "sentir molestias.",
            "flexion_intolerant": "Siéntese derecho en lugar de encorvado.",
            "osteoporosis": "Siéntese derecho en lugar de encorvado.",
            "hip_replacement_posterior": "Use un asiento más alto y siéntese derecho para que "
            "la cadera no pase de un ángulo recto.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "prone-press-up": _t(
        "Boca abajo, sobre los codos y empuje hacia arriba (extensión de espalda)",
        "Arquea la parte baja de la espalda poco a poco, acostado boca abajo; se usa cuando "
        "este movimiento le alivia las molestias de la pierna.",
        "Acuéstese boca abajo uno o dos minutos, con una almohada bajo las caderas si la "
        "necesita. Luego apóyese en los codos unos minutos. Cuando esté cómodo, pase a empujar "
        "hacia arriba.",
        [
            "Ponga las manos debajo de los hombros.",
            "Deje las caderas y la pelvis relajadas en el piso y empuje la parte de arriba del "
            "cuerpo hacia arriba hasta donde esté cómodo.",
            "Haga una pausa corta y luego baje.",
            "Cada vez, suba un poco más si se siente bien.",
        ],
        [
            "Saque el aire al empujar hacia arriba.",
            "Deje la espalda y las nalgas relajadas: el trabajo lo hacen los brazos.",
            "Una buena señal: las molestias de la pierna suben hacia la columna, aunque la "
            "espalda le duela un poco durante un rato.",
        ],
        [SPREADING],
        "Úselo solo cuando este movimiento es el que alivia. Bien si las molestias suben hacia "
        "la columna; pare si bajan más por la pierna.",
        {
            "extension_intolerant": ARCH_NO,
            "spondylolisthesis": ARCH_APPROVAL,
            "pregnancy": "No se acueste boca abajo después de los primeros tres meses.",
            "hypermobility": "Suba solo una parte del camino, con control.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "standing-back-extension": _t(
        "Arquearse hacia atrás de pie",
        "Un arco suave hacia atrás, de pie, para hacer pausas cuando pasa mucho tiempo sentado "
        "y este movimiento le alivia las molestias.",
        "Párese con los pies separados. Ponga las manos en la parte de atrás de la pelvis, con "
        "los dedos hacia abajo.",
        [
            "Inclínese suavemente hacia atrás sobre las manos, con las rodillas estiradas.",
            "Haga una pausa de un segundo.",
            "Vuelva a ponerse derecho.",
        ],
        [
            "Saque el aire al inclinarse hacia atrás.",
            "Reparta las rondas durante el día: una después de cada rato largo sentado.",
        ],
        [SPREADING],
        "El mismo fin y los mismos cuidados que el n.º 32: bien si las molestias suben hacia la "
        "columna, pare si bajan más por la pierna.",
        {
            "extension_intolerant": ARCH_NO,
            "spondylolisthesis": ARCH_APPROVAL,
            "balance_impairment": "Párese con la espalda cerca de una pared o una encimera e "
            "inclínese solo un poco.",
            "pregnancy": "Inclínese hacia atrás solo un poco; su equilibrio cambia.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "aquatic-walking": _t(
        "Caminar en la piscina",
        "Caminar en agua hasta el pecho, donde el agua lleva parte de su peso y le quita carga "
        "a la parte baja de la espalda.",
        "Párese en agua tibia que le llegue a la cintura o al pecho, cerca de la pared o de la "
        "baranda de la piscina para poder sujetarse.",
        [
            "Camine hacia adelante la mayor parte del tiempo.",
            "Luego camine hacia atrás un rato corto.",
            "Luego camine de lado un rato corto hacia cada lado.",
            "Manténgase derecho, apriete un poco el estómago y deje que los brazos se muevan "
            "con normalidad.",
        ],
        [
            TALK,
            "Aumente poco a poco: primero más tiempo, luego más rápido.",
            "Más adelante, correr en agua profunda con un cinturón flotador es el siguiente paso.",
        ],
        [POOL_UNWELL],
        "Cuidados de la piscina (se oculta): heridas abiertas, epilepsia no controlada, "
        "enfermedad del corazón o de los pulmones inestable, etc. No se excluye a quien no "
        "sabe nadar: agua poco profunda con cinturón flotador o baranda (con cuidado).",
        {
            "aquatic_precaution": POOL_NO,
            "non_swimmer": "No necesita nadar para esto. Quédese en agua que no pase del pecho, "
            "cerca de la baranda o la pared, y use un cinturón flotador.",
            "cardiovascular": WARM_POOL,
            "balance_impairment": "Quédese cerca de la baranda o la pared.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "swimming": _t(
        "Nadar suave",
        "Crol o espalda suaves, con una patada relajada, para estar en forma mientras el agua "
        "sostiene su peso.",
        "Entre a la piscina y empiece a un ritmo suave. Si es nuevo en esto, empiece con una "
        "tabla y una patada relajada (patadas pequeñas desde la cadera) boca abajo o boca "
        "arriba.",
        [
            "Nade crol o espalda despacio, con una patada relajada.",
            "Descanse en la pared cada vez que lo necesite.",
            "Si le duele girar la cabeza para respirar, use un snorkel (tubo para respirar) o "
            "nade de espalda.",
        ],
        [
            "Saque el aire de forma constante dentro del agua.",
            "Cuando sus molestias estén tranquilas a la mañana siguiente, agregue más o menos "
            "un 10 % de tiempo cada semana. Pregunte antes a su terapeuta.",
            "Impúlsese suave desde la pared.",
        ],
        [
            "Evite la patada de rana de pecho, el estilo mariposa y los impulsos fuertes si le "
            "dan dolor.",
            POOL_UNWELL,
        ],
        "Por defecto, crol o espalda con patada relajada (costumbre clínica). Se aplican los "
        "cuidados de la piscina, y se oculta para quien no sabe nadar (caminar en la piscina "
        "en su lugar).",
        {
            "aquatic_precaution": POOL_NO,
            "non_swimmer": "Nadar todavía no es para usted: caminar en la piscina le da el "
            "mismo apoyo.",
            "cardiovascular": WARM_POOL,
            "extension_intolerant": "Mejor nade de espalda, o use un snorkel para no arquear la "
            "espalda al respirar.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "graded-walking": _t(
        "Caminata progresiva",
        "Caminar empezando poco y aumentando de a poco, mientras sus molestias sigan tranquilas.",
        "Elija un camino plano que pueda recorrer durante su tiempo indicado sin que aumenten "
        "las molestias.",
        [
            "Camine a un ritmo cómodo durante su tiempo de inicio.",
            "Si a la mañana siguiente sus molestias no están peor, agregue más o menos un 10 % "
            "(uno o dos minutos) cada pocos días.",
            "Si están peor, vuelva al último tiempo que le sentó bien.",
        ],
        [
            TALK,
            "Si le duelen las piernas al caminar y se alivian al sentarse o inclinarse hacia "
            "adelante, haga caminatas más cortas con pausas sentado, o apóyese en un carrito "
            "de compras.",
        ],
        [
            "Pare y llame a la clínica si la pierna se le debilita, o si el pie empieza a "
            "arrastrarse o a golpear el piso."
        ],
        "Con estenosis: caminatas más cortas con pausas sentado o un poco inclinado hacia "
        "adelante. Si la pierna se debilita cada vez más: siga el protocolo de señales de "
        "alarma.",
        {
            "balance_impairment": "Camine con un bastón o acompañado, por terreno plano.",
            "extension_intolerant": "Haga caminatas cortas con descansos sentado, o inclínese "
            "un poco hacia adelante (camine en subida en una cinta o empuje un carrito de "
            "compras).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
}

# The library's tempo (the "Ritmo" row), keyed by slug: what the patient reads where the
# program item still has the library's English tempo. A tempo the therapist typed stays as typed.
AIS_TEMPO = (
    "Entre en el estiramiento en unos 2 segundos, ayúdese con la cuerda o las manos hasta "
    "2 segundos y vuelva en unos 2 segundos"
)
TEMPOS: dict[str, str] = {
    "ais-bent-knee-hamstring": AIS_TEMPO,
    "ais-straight-leg-hamstring": AIS_TEMPO,
    "ais-single-knee-to-chest": AIS_TEMPO,
    "ais-double-knee-to-chest": AIS_TEMPO,
    "ais-knee-to-opposite-shoulder": AIS_TEMPO,
    "ais-hip-external-rotators": AIS_TEMPO,
    "ais-hip-internal-rotators": AIS_TEMPO,
    "ais-hip-adductors": AIS_TEMPO,
    "ais-hip-abductors": AIS_TEMPO,
    "ais-hip-flexors-side-lying": AIS_TEMPO,
    "ais-quadriceps-side-lying": AIS_TEMPO,
    "ais-seated-trunk-flexion": AIS_TEMPO,
    "ais-seated-side-bend": AIS_TEMPO,
    "ais-seated-trunk-rotation": AIS_TEMPO,
    "ais-calf": AIS_TEMPO,
    "hip-hinge-dowel": (
        "Inclínese hacia adelante en unos 3 segundos y vuelva a subir en unos 2 segundos"
    ),
    "sit-to-stand": "Levántese en unos 2 segundos y siéntese despacio, en unos 3 segundos",
    "prone-press-up": "Suba en unos 2 segundos, haga una pausa corta y baje en unos 2 segundos",
    "standing-back-extension": (
        "Inclínese hacia atrás en unos 2 segundos y vuelva a enderezarse en unos 2 segundos"
    ),
    "cat-camel": "Unos 3 segundos al subir la espalda y otros 3 al bajarla, sin pararse al final",
    "supine-sciatic-nerve-slider": "Despacio y sin tirones: unos 2 segundos en cada dirección",
    "seated-slump-slider": "Despacio y sin tirones: unos 2 segundos en cada dirección",
    "posterior-pelvic-tilt": (
        "Incline la pelvis en unos 2 segundos, sostenga y suelte en unos 2 segundos"
    ),
    "glute-bridge": "Suba la cadera en unos 2 segundos, sostenga y bájela en unos 3 segundos",
    "single-leg-bridge": "Suba la cadera en unos 2 segundos y bájela en unos 3 segundos",
    "clamshell": "Abra la rodilla en unos 2 segundos, sostenga y ciérrela en unos 2 segundos",
    "side-lying-hip-abduction": (
        "Suba la pierna en unos 2 segundos, sostenga y bájela en unos 2 segundos"
    ),
    "bird-dog": (
        "Estire el brazo y la pierna en unos 2 segundos, sostenga y vuelva en unos 2 segundos"
    ),
    "dead-bug": "Baje en unos 3 segundos y vuelva en unos 2 segundos",
    "modified-side-plank": (
        "Suba la cadera en unos 2 segundos, sostenga y bájela en unos 2 segundos"
    ),
    "mcgill-curl-up": (
        "Suba la cabeza y los hombros en 1 segundo más o menos, sostenga y baje en unos 2 segundos"
    ),
    "heel-slides": "Deslice el talón en unos 3 segundos y vuelva en unos 3 segundos",
}
