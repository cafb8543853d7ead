"""The library's 36 exercises in Brazilian Portuguese ("você"), keyed by slug. See __init__.py."""

from __future__ import annotations

# Sentences many exercises share.
SURGERY = (
    "Siga o plano do seu cirurgião. Seu profissional de saúde precisa aprovar este exercício antes."
)
ANTICOAGULANT = "No fim do movimento, puxe bem de leve com a corda ou com as mãos."
HYPERMOBILITY = (
    "Faça um movimento menor. Pare no primeiro alongamento suave e não use a ajuda das mãos nem "
    "da corda."
)
PREGNANCY_BACK = (
    "Depois de umas 16 semanas, fique pouco tempo de barriga para cima, ou faça o exercício de "
    "lado ou sentada."
)
PREGNANCY_BACK_SHORT = "Depois de umas 16 semanas, fique pouco tempo de barriga para cima."
BREATHE_STRETCH = "Solte o ar ao entrar no alongamento e puxe o ar ao voltar."
BREATHE_LIFT = "Solte o ar ao subir e puxe o ar ao descer."
KEEP_BREATHING = "Continue respirando normalmente o tempo todo. Não prenda a respiração."
BREATHE_EASY = "Respire com calma o tempo todo."
HOLD = "Segure a posição pelo tempo que seu terapeuta indicou."
REPEAT = "Repita."
ROPE_PULL = "Puxe a corda de leve por até 2 segundos, soltando o ar."
WHEN_EASY_2 = (
    "Quando ficar fácil por uma semana, acrescente 2 repetições. Pergunte antes ao seu terapeuta."
)
WHEN_EASY_2_CYCLES = (
    "Quando ficar fácil por uma semana, acrescente 2 ciclos lentos. Pergunte antes ao seu "
    "terapeuta."
)
HIP_90 = "Não dobre o quadril mais do que um ângulo reto (90°)."
HIP_PAST_90 = "Dobra os quadris muito além de um ângulo reto (90°)."
FLEXION_NO = "Dobrar o corpo para a frente piora a sua dor: não faça este exercício."
ANTERIOR_HIP_BACK = (
    "Leva o quadril para trás: depois de uma prótese de quadril pela frente, pergunte antes ao "
    "seu profissional de saúde."
)
BOTTOM_KNEE = (
    "Não abrace o joelho de baixo além de um ângulo reto; coloque um travesseiro entre os joelhos."
)
KNEE_OVER_HIP = "O joelho fica em cima do quadril. Só o pé se mexe."
FOOT_BACK = "Traga o pé de volta para o centro e relaxe."
KNEE_PAIN = "Pare se sentir dor no joelho ou em volta dele."
BREATHE_OUT_LIFT = "Solte o ar ao subir; não prenda a respiração."
BRACE = "Contraia a barriga de leve."
SYMPTOMS_LAST = "Pare se os sintomas continuarem depois que você terminar."
ARCH_NO = "Arquear as costas para trás piora a sua dor: não faça este exercício."
ARCH_APPROVAL = "Arquear as costas várias vezes precisa da aprovação do seu profissional de saúde."
SPREADING = "Pare se os sintomas descerem mais pela perna ou piorarem, e avise a clínica."
POOL_NO = "A piscina não é indicada para você agora (veja suas respostas do questionário)."
WARM_POOL = "Evite piscinas muito quentes; mantenha um ritmo leve."
POOL_UNWELL = "Saia e descanse se sentir tontura, falta de ar ou mal-estar."
TALK = "Respire com calma; você deve conseguir conversar."


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
        "Alongamento AIS da parte de trás da coxa, com o joelho dobrado",
        "Alonga a parte de cima dos músculos de trás da coxa e o bumbum, começando com o joelho "
        "dobrado.",
        "Deite de barriga para cima em um colchonete. Dobre o outro joelho com esse pé apoiado "
        "no chão, ou deixe essa perna esticada se for mais confortável. Levante a perna que vai "
        "alongar até o quadril ficar dobrado mais ou menos em ângulo reto, e segure a parte de "
        "trás dessa coxa com as duas mãos.",
        [
            "Contraia os músculos da frente da coxa (quadríceps) para esticar o joelho em direção "
            "ao teto.",
            "Quando ele não for mais longe sozinho, puxe de leve com as mãos por até 2 segundos, "
            "soltando o ar.",
            "Dobre o joelho de novo e deixe a perna totalmente relaxada.",
            "Repita. A cada vez você pode ir um pouco mais longe.",
        ],
        [
            BREATHE_STRETCH,
            "Mantenha a cabeça e a parte de baixo das costas apoiadas no chão.",
            "Procure um alongamento leve, nunca dor.",
            "Em vez das mãos, você pode passar uma corda em volta do pé.",
        ],
        ["Pare se sentir formigamento ou agulhadas abaixo do joelho."],
        "Com ciática, pare antes de sentir algo na perna, ou troque pelo deslizamento do nervo "
        "de barriga para cima (n.º 30). Depois de uma prótese de quadril por trás, não dobre o "
        "quadril mais de 90°.",
        {
            "acute_radicular": "Pare antes de qualquer formigamento na perna, ou faça no lugar o "
            "deslizamento do nervo de barriga para cima.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-straight-leg-hamstring": _t(
        "Alongamento AIS da parte de trás da coxa, com a perna esticada",
        "Alonga todo o comprimento dos músculos de trás da coxa, com uma corda que ajuda no final.",
        "Deite de barriga para cima com o outro joelho dobrado e esse pé apoiado. Passe a corda "
        "pelo meio (o arco) do pé que vai alongar e segure as duas pontas. Mantenha esse joelho "
        "esticado e puxe os dedos do pé de leve na sua direção.",
        [
            "Contraia a frente da coxa e levante a perna, com o joelho esticado, até ela não "
            "subir mais sozinha.",
            "Suba as mãos pela corda e ajude a perna a ir um pouco mais longe por até 2 "
            "segundos, soltando o ar.",
            "Abaixe a perna até o chão e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha a parte de baixo das costas relaxada no chão.",
            "A corda só ajuda no finalzinho. Seus próprios músculos levantam a perna.",
        ],
        [
            "Pare se sentir formigamento, ardência ou agulhadas abaixo do joelho. Este "
            "alongamento puxa o nervo ciático (o nervo grande que desce por trás da perna)."
        ],
        "Estica o nervo ciático: evite com dor aguda que desce pela perna (use o n.º 30 ou o "
        "n.º 1). Mantenha a parte de baixo das costas relaxada no chão.",
        {
            "acute_radicular": "Este alongamento puxa o nervo ciático (o nervo grande que desce "
            "por trás da perna). Faça no lugar o deslizamento do nervo (n.º 30) ou a versão com "
            "o joelho dobrado (n.º 1).",
            "hip_replacement_posterior": "Mantenha a perna abaixo de um ângulo reto (90°) no "
            "quadril.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-single-knee-to-chest": _t(
        "Alongamento AIS de um joelho no peito",
        "Alonga o bumbum e um lado da parte de baixo das costas, trazendo um joelho em direção "
        "ao peito.",
        "Deite de barriga para cima com as duas pernas esticadas, ou com o outro joelho dobrado "
        "e esse pé apoiado.",
        [
            "Use os músculos da frente do quadril e da barriga para trazer um joelho em direção "
            "ao peito.",
            "Com as mãos atrás da coxa, traga o joelho um pouco mais perto por até 2 segundos, "
            "soltando o ar. Não coloque as mãos sobre a patela (o osso da frente do joelho).",
            "Abaixe a perna e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "As mãos ficam atrás da coxa para não apertar a patela.",
            "Mantenha a outra perna relaxada.",
        ],
        ["Pare se sentir um beliscão no fundo da frente do quadril ou na virilha."],
        "Dobra a coluna para a frente. Faça um movimento menor se dobrar incomoda e com "
        "osteoporose; não passe de 90° de quadril depois de uma prótese de quadril por trás.",
        {
            "flexion_intolerant": "Dobrar o corpo para a frente piora a sua dor: faça um "
            "movimento pequeno ou escolha outro alongamento.",
            "osteoporosis": "Mexa-se com cuidado e não force o joelho em direção ao peito.",
            "hip_replacement_posterior": "Suba o joelho só até um ângulo reto (90°) no quadril.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-double-knee-to-chest": _t(
        "Alongamento AIS dos dois joelhos no peito",
        "Arredonda de leve a parte de baixo das costas, trazendo os dois joelhos em direção ao "
        "peito.",
        "Deite de barriga para cima com os dois joelhos dobrados e os pés apoiados no chão.",
        [
            "Contraia a barriga e traga os dois joelhos em direção ao peito. O cóccix (o ossinho "
            "do fim da coluna) sai um pouco do chão.",
            "Segure atrás das duas coxas e ajude a ir um pouco mais longe por até 2 segundos, "
            "soltando o ar.",
            "Apoie os pés no chão um de cada vez e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Abaixe um pé de cada vez para proteger as costas.",
        ],
        ["Pare se, ao dobrar para a frente, a dor descer mais pela perna."],
        "Serve para quem tem estenose ou piora ao arquear para trás. Evite se dobrar para a "
        "frente incomoda, com osteoporose, com problema de disco que piora ao dobrar, com mais "
        "de umas 16 semanas de gravidez e depois de uma prótese de quadril por trás.",
        {
            "flexion_intolerant": FLEXION_NO,
            "osteoporosis": "Não é indicado dobrar a coluna até o fim do movimento.",
            "pregnancy": "Não é indicado depois de umas 16 semanas (pressão na barriga e tempo "
            "de barriga para cima).",
            "hip_replacement_posterior": HIP_PAST_90,
            "acute_radicular": "Faça um movimento pequeno e pare antes de sentir algo na perna.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-knee-to-opposite-shoulder": _t(
        "Alongamento AIS do bumbum: joelho em direção ao ombro oposto",
        "Alonga os músculos profundos do bumbum, como o piriforme, levando um joelho cruzado em "
        "direção ao outro ombro.",
        "Deite de barriga para cima. Dobre o quadril e o joelho do lado que vai alongar. Segure "
        "a parte de fora desse joelho com a mão oposta (ou passe uma corda em volta do joelho).",
        [
            "Use os músculos da parte de dentro da coxa e da frente do quadril para levar o "
            "joelho em direção ao peito e cruzá-lo em direção ao outro ombro.",
            "Ajude de leve por até 2 segundos, soltando o ar.",
            "Traga o joelho de volta e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha os dois ombros e a parte de baixo das costas no chão.",
            "Se sentir um beliscão na virilha, suba menos o joelho.",
        ],
        [
            "Pare se sentir um beliscão forte na frente do quadril ou na virilha.",
            "Pare se uma dor funda no bumbum virar formigamento descendo pela perna.",
        ],
        "Fica oculto depois de uma prótese de quadril por trás. Beliscão na virilha pode ser um "
        "choque dentro do quadril: diminua o ângulo. Pare se a dor funda no bumbum virar "
        "formigamento na perna.",
        {
            "hip_replacement_posterior": "Cruza a linha do meio do corpo com o quadril dobrado: "
            "não é permitido depois de uma prótese de quadril por trás.",
            "acute_radicular": "Faça de leve e pare se começar formigamento na perna.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-external-rotators": _t(
        "Alongamento AIS dos músculos que giram o quadril para fora (piriforme)",
        "Alonga os músculos pequenos e profundos de trás do quadril, como o piriforme, levando "
        "o pé para fora.",
        "Deite de barriga para cima. Dobre o quadril e o joelho do lado que vai alongar em "
        "ângulo reto, com a coxa apontando para o teto. Passe a corda em volta desse tornozelo. "
        "Segure as duas pontas com a mão do mesmo lado da perna, por fora dela.",
        [
            "Deixe a coxa parada e leve o pé para fora, para longe da outra perna, usando os "
            "músculos que giram o quadril para dentro.",
            ROPE_PULL,
            FOOT_BACK,
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            KNEE_OVER_HIP,
            "Você pode apoiar a coxa com a outra mão.",
        ],
        [KNEE_PAIN],
        "Fica oculto depois de uma prótese de quadril por trás. Dor no joelho: faça um "
        "movimento menor ou apoie a coxa.",
        {
            "hip_replacement_posterior": "Gira o quadril para dentro quando ele está dobrado: "
            "não é permitido depois de uma prótese de quadril por trás.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-internal-rotators": _t(
        "Alongamento AIS dos músculos que giram o quadril para dentro",
        "Alonga os músculos da lateral e da frente do quadril, levando o pé para dentro, "
        "cruzando o corpo.",
        "Deite de barriga para cima com o quadril e o joelho do lado que vai alongar dobrados "
        "em ângulo reto. Passe a corda em volta desse tornozelo e segure as pontas com a mão do "
        "lado de dentro da perna.",
        [
            "Deixe a coxa parada e leve o pé para dentro, cruzando em direção ao outro lado. Quem "
            "faz o trabalho são os músculos profundos que giram o quadril para fora.",
            ROPE_PULL,
            FOOT_BACK,
            REPEAT,
        ],
        [BREATHE_STRETCH, KNEE_OVER_HIP],
        [KNEE_PAIN],
        "Precisa de aprovação depois de uma prótese de quadril pela frente. Dor no joelho: faça "
        "um movimento menor.",
        {
            "hip_replacement_anterior": "Gira o quadril para fora: depois de uma prótese de "
            "quadril pela frente, pergunte antes ao seu profissional de saúde.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-adductors": _t(
        "Alongamento AIS da parte de dentro da coxa (adutores)",
        "Alonga os músculos da parte de dentro da coxa, levando a perna esticada para o lado.",
        "Deite de barriga para cima com as duas pernas esticadas. Passe a corda em volta do pé "
        "que vai alongar, de modo que ela envolva a parte de dentro do tornozelo, e segure as "
        "pontas com a mão do mesmo lado. Gire essa perna um pouco para dentro, com os dedos do "
        "pé apontando um pouco para dentro.",
        [
            "Use os músculos da parte de fora do quadril para levar a perna para o lado, para "
            "longe da outra perna. Mantenha o joelho esticado.",
            ROPE_PULL,
            "Traga a perna de volta para o meio e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha o joelho esticado e os dedos do pé um pouco para dentro.",
            "Mantenha parados a outra perna e a pelve (a bacia).",
        ],
        ["Pare se sentir dor na frente da pelve ou na virilha."],
        "Com dor no púbis ou na virilha (por exemplo, dor na bacia na gravidez): movimento "
        "pequeno ou pule este.",
        {
            "pregnancy": "Se tiver dor na bacia ou na virilha, faça um movimento pequeno ou não "
            "faça este alongamento. Depois de umas 16 semanas, fique pouco tempo de barriga para "
            "cima.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-abductors": _t(
        "Alongamento AIS da parte de fora do quadril (abdutores e banda lateral da coxa)",
        "Alonga os músculos da parte de fora do quadril e da coxa, levando a perna esticada por "
        "cima do corpo.",
        "Deite de barriga para cima. Passe a corda em volta do pé que vai alongar, de modo que "
        "ela envolva a parte de fora do tornozelo, e segure as pontas com a mão oposta.",
        [
            "Mantenha a perna esticada e um pouco levantada, e use os músculos da parte de "
            "dentro da coxa para cruzá-la na frente do corpo.",
            ROPE_PULL,
            "Traga a perna de volta e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha os dois lados do quadril no chão. Não vire de lado.",
        ],
        [],
        "Fica oculto depois de uma prótese de quadril por trás (a perna passa da linha do meio).",
        {
            "hip_replacement_posterior": "Leva a perna além da linha do meio do corpo: não é "
            "permitido depois de uma prótese de quadril por trás.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-hip-flexors-side-lying": _t(
        "Alongamento AIS da frente do quadril (psoas), deitado de lado",
        "Alonga os músculos da frente do quadril levando a perna de cima para trás, deitado de "
        "lado.",
        "Deite sobre o lado que não vai alongar, com um travesseiro embaixo da cabeça. Abrace o "
        "joelho de baixo em direção ao peito para manter reta a parte de baixo das costas. A "
        "perna de cima fica esticada, ou com o joelho dobrado se for mais fácil.",
        [
            "Contraia o bumbum e a parte de trás da coxa para levar a coxa de cima para trás. Não "
            "arqueie a parte de baixo das costas.",
            "Ajude de leve com a mão ou com uma corda no tornozelo por até 2 segundos, soltando "
            "o ar.",
            "Traga a perna de volta, alinhada com o corpo, e relaxe.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha o joelho de baixo abraçado o tempo todo.",
            "Encaixe um pouco o cóccix para baixo, para o alongamento ficar na frente do quadril.",
        ],
        ["Pare se a parte de baixo das costas beliscar ou doer quando a perna for para trás."],
        "Prótese de quadril pela frente: precisa de aprovação. Se arquear para trás incomoda: "
        "mantenha a bacia encaixada e não arqueie a parte de baixo das costas.",
        {
            "hip_replacement_anterior": ANTERIOR_HIP_BACK,
            "extension_intolerant": "Mantenha a bacia encaixada e o movimento pequeno para as "
            "costas não arquearem.",
            "hip_replacement_posterior": BOTTOM_KNEE,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-quadriceps-side-lying": _t(
        "Alongamento AIS da frente da coxa (quadríceps), deitado de lado",
        "Alonga os músculos da frente da coxa dobrando o joelho de cima e levando a coxa para "
        "trás.",
        "Deite de lado com um travesseiro embaixo da cabeça e o joelho de baixo abraçado. Leve "
        "a mão de cima (ou uma corda) até o tornozelo de cima.",
        [
            "Use os músculos de trás da coxa (posteriores da coxa) para dobrar o joelho de cima e "
            "levar o calcanhar em direção ao bumbum.",
            "Depois contraia o bumbum para levar a coxa um pouco para trás.",
            "Ajude com a mão ou com a corda por até 2 segundos, soltando o ar.",
            "Volte ao início e relaxe.",
        ],
        [
            BREATHE_STRETCH,
            "Mantenha reta a parte de baixo das costas. Não arqueie para levar a coxa mais para "
            "trás.",
            "Se não alcançar o tornozelo, passe uma corda em volta dele.",
        ],
        ["Pare se sentir dor no joelho. Da próxima vez, dobre menos."],
        "Dor no joelho ou prótese de joelho: dobre menos o joelho. Não arqueie a parte de baixo "
        "das costas quando a coxa for para trás.",
        {
            "hip_replacement_anterior": ANTERIOR_HIP_BACK,
            "extension_intolerant": "Não leve a coxa para trás, para as costas não arquearem.",
            "hip_replacement_posterior": BOTTOM_KNEE,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-trunk-flexion": _t(
        "Alongamento AIS sentado, dobrando para a frente (músculos da parte de baixo das costas)",
        "Alonga os músculos compridos da parte de baixo das costas, descendo o tronco entre os "
        "joelhos, sentado.",
        "Sente em uma cadeira firme com os pés apoiados e afastados e as mãos sobre as coxas.",
        [
            "Encoste o queixo no peito, contraia a barriga e desça o tronco entre os joelhos, "
            "enrolando a coluna aos poucos.",
            "Com as mãos nas canelas ou nos tornozelos, ajude a descer um pouco mais por até 2 "
            "segundos, soltando o ar.",
            "Suba devagar com os músculos das costas, puxando o ar.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Se sentir tontura, vá mais devagar e suba com mais calma.",
        ],
        ["Pare se sentir tontura ou que vai desmaiar."],
        "Fica oculto com osteoporose e quando dobrar para a frente incomoda. Tontura: mais "
        "devagar.",
        {
            "osteoporosis": "Não é indicado dobrar a coluna para a frente com peso.",
            "flexion_intolerant": FLEXION_NO,
            "hip_replacement_posterior": HIP_PAST_90,
            "acute_radicular": "Desça só uma parte do caminho e pare antes de sentir algo na "
            "perna.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-side-bend": _t(
        "Alongamento AIS sentado, inclinando para o lado (quadrado lombar e oblíquos)",
        "Alonga os músculos da lateral da parte de baixo das costas e da cintura, inclinando "
        "para o lado, sentado.",
        "Sente com a coluna reta em uma cadeira firme, com os dois lados do bumbum bem apoiados "
        "no assento. Apoie uma mão na coxa do lado para onde vai inclinar e a outra mão no "
        "peito.",
        [
            "Incline para o lado, para longe do lado que está alongando, usando os músculos da "
            "lateral para onde você inclina.",
            "Deixe a mão escorregar pela coxa e ajude de leve por até 2 segundos, soltando o ar.",
            "Volte a sentar com a coluna reta.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            "Mantenha os dois ossos de sentar apoiados na cadeira.",
            "Incline reto para o lado, não para a frente.",
        ],
        ["Pare se sentir qualquer sintoma na perna."],
        "Mantenha os dois ossos de sentar (ísquios) no assento. Pare com qualquer sintoma na "
        "perna.",
        {
            "osteoporosis": "Incline pouco e devagar, e não force no final.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-seated-trunk-rotation": _t(
        "Alongamento AIS sentado, girando o tronco",
        "Alonga os músculos que giram o tronco com uma torção leve, sentado.",
        "Sente com a coluna reta em uma cadeira firme, com os pés apoiados e os braços cruzados "
        "sobre o peito.",
        [
            "Gire o tronco para um lado usando os músculos da lateral da barriga (oblíquos). "
            "Mantenha o quadril e os joelhos virados para a frente.",
            "Leve uma mão ao encosto da cadeira e ajude a girar um pouco mais por até 2 "
            "segundos, soltando o ar.",
            "Volte a ficar de frente.",
            REPEAT,
        ],
        [
            BREATHE_STRETCH,
            WHEN_EASY_2,
            "Sente reto: gire em volta da coluna como se ela fosse um poste.",
        ],
        ["Pare se a torção der uma dor forte nas costas."],
        "Fica oculto com osteoporose (giro até o fim). Dor aguda de disco: movimento pequeno.",
        {
            "osteoporosis": "Não é indicado girar a coluna até o fim do movimento.",
            "acute_radicular": "Se tiver um problema de disco recente, gire pouco.",
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "ais-calf": _t(
        "Alongamento AIS da panturrilha (gastrocnêmio e sóleo)",
        "Alonga a panturrilha puxando o pé em direção à canela, com uma corda que ajuda no final.",
        "Deite de barriga para cima (ou sente) com a corda passada na sola do pé, logo abaixo "
        "dos dedos. A perna que vai alongar fica esticada no chão.",
        [
            "Use os músculos da frente da canela para puxar os dedos e o pé em direção à canela.",
            ROPE_PULL,
            "Aponte o pé para a frente para relaxar.",
            "Alterne as séries: joelho esticado, depois joelho um pouco dobrado para chegar ao "
            "músculo mais fundo da panturrilha (sóleo).",
        ],
        [
            BREATHE_STRETCH,
            "Alterne as séries: joelho esticado, depois joelho um pouco dobrado.",
        ],
        [
            "Não faça este exercício se a panturrilha começou a doer há pouco, está inchada, "
            "quente ou vermelha. Pode ser um coágulo de sangue: procure atendimento médico no "
            "mesmo dia."
        ],
        "Suspeita de trombose na perna (dor na panturrilha com inchaço): não alongue; siga as "
        "orientações de emergência.",
        {
            "acute_radicular": "Mantenha a perna apoiada no chão ou o joelho dobrado; puxar o pé "
            "para cima com a perna levantada estica o nervo.",
            "pregnancy": PREGNANCY_BACK,
            "anticoagulant": ANTICOAGULANT,
            "hypermobility": HYPERMOBILITY,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "abdominal-brace": _t(
        "Ativação da barriga (encolher a barriga)",
        "Ensina a ligar de leve os músculos profundos da barriga que dão apoio à parte de baixo "
        "das costas.",
        "Deite de barriga para cima com os joelhos dobrados e os pés apoiados. Coloque as mãos "
        "na parte de baixo da barriga.",
        [
            "Respire normalmente.",
            "Encolha de leve a parte de baixo da barriga, ou firme o tronco como se alguém fosse "
            "dar um empurrãozinho em você. Use só um quarto da sua força total.",
            "Segure pelo tempo que seu terapeuta indicou, e continue respirando.",
            "Solte e descanse.",
        ],
        [
            KEEP_BREATHING,
            "Esforço leve: você ainda deve conseguir falar.",
            "Mais tarde você pode praticar sentado, em pé e enquanto se movimenta.",
        ],
        [],
        "Controle do movimento com pouca carga. Sem prender a respiração nem fazer força como "
        "para evacuar.",
        {
            "cardiovascular": "Continue respirando o tempo todo; nunca prenda a respiração.",
            "pregnancy": "Depois de umas 16 semanas, pratique deitada de lado, sentada ou de "
            "quatro apoios (mãos e joelhos).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "posterior-pelvic-tilt": _t(
        "Báscula da bacia, deitado de barriga para cima",
        "Encosta de leve a parte de baixo das costas no chão inclinando a bacia, com os músculos "
        "da barriga e do bumbum.",
        "Deite de barriga para cima com os joelhos dobrados e os pés apoiados no chão.",
        [
            "Solte o ar e incline a bacia para o osso do púbis subir em direção às costelas. A "
            "parte de baixo das costas encosta no chão.",
            HOLD,
            "Deixe a bacia voltar à posição natural.",
        ],
        [
            "Solte o ar ao inclinar a bacia e puxe o ar ao soltar.",
            "Movimento pequeno e suave, só até onde for confortável.",
            "Quando ficar fácil por uma semana, acrescente 2 repetições ou 2 segundos em cada "
            "vez que segura, uma coisa de cada vez. Pergunte antes ao seu terapeuta.",
        ],
        [],
        "Só até onde não doer. Para avançar: sentado ou em pé encostado na parede.",
        {
            "pregnancy": "Depois de umas 16 semanas, faça a báscula em pé encostada na parede ou "
            "de quatro apoios (mãos e joelhos).",
            "flexion_intolerant": "Incline pouco a bacia; isso arredonda um pouco a parte de "
            "baixo das costas.",
            "cardiovascular": "Solte o ar ao inclinar; não prenda a respiração.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "glute-bridge": _t(
        "Ponte de glúteos",
        "Fortalece os músculos do bumbum e os que dão firmeza à parte de baixo das costas e à "
        "bacia.",
        "Deite de barriga para cima com os joelhos dobrados, os pés apoiados e afastados na "
        "largura do quadril, e os braços ao lado do corpo.",
        [
            "Contraia a barriga de leve, como na ativação da barriga.",
            "Empurre com os calcanhares e suba o quadril até os ombros, o quadril e os joelhos "
            "formarem uma linha reta. Não arqueie as costas.",
            HOLD,
            "Desça devagar.",
        ],
        [
            BREATHE_LIFT,
            "Quando ficar fácil, pergunte ao seu terapeuta se pode fazer em mais dias da semana.",
            "Se der câimbra atrás da coxa, aproxime um pouco os pés do bumbum.",
        ],
        [],
        "Para avançar: faixa elástica nos joelhos, marcha na ponte, ponte com uma perna (n.º 19).",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "cardiovascular": BREATHE_OUT_LIFT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "single-leg-bridge": _t(
        "Ponte com uma perna",
        "Uma ponte mais difícil, com uma perna só, que também ensina a manter a bacia reta.",
        "Deite de barriga para cima como na ponte. Estique um joelho de forma que as duas coxas "
        "fiquem na mesma altura.",
        [
            BRACE,
            "Empurre com o calcanhar da perna dobrada e suba o quadril. Mantenha a bacia reta, "
            "sem cair para um lado.",
            "Desça devagar e com controle.",
            "Termine a série e depois troque de perna.",
        ],
        [
            BREATHE_LIFT,
            "Quando ficar fácil por uma semana, acrescente 1 repetição de cada lado. Pergunte "
            "antes ao seu terapeuta.",
            "Mantenha o quadril reto, como se equilibrasse um copo de água na barriga.",
        ],
        [],
        "Passe para este só quando a ponte com as duas pernas (n.º 18) estiver fácil e sem dor.",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "cardiovascular": BREATHE_OUT_LIFT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "clamshell": _t(
        "Concha",
        "Fortalece os músculos da lateral e de trás do quadril, deitado de lado.",
        "Deite de lado com um travesseiro embaixo da cabeça. Dobre um pouco o quadril (uns 45°) "
        "e os joelhos em ângulo reto. Mantenha os pés juntos e um lado do quadril bem em cima "
        "do outro.",
        [
            "Com os pés juntos, levante o joelho de cima sem deixar a bacia rolar para trás.",
            HOLD,
            "Abaixe o joelho devagar.",
        ],
        [
            BREATHE_LIFT,
            "Apoie a mão de cima no quadril para sentir que a bacia não se mexe.",
            WHEN_EASY_2,
            "Mais tarde, uma faixa elástica acima dos joelhos deixa mais difícil.",
        ],
        [],
        "Prótese de quadril por trás: quadril dobrado menos de 90° e um travesseiro entre os "
        "joelhos. Para avançar: faixa elástica acima dos joelhos.",
        {
            "hip_replacement_posterior": "Dobre o quadril menos de um ângulo reto e coloque um "
            "travesseiro entre os joelhos.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "side-lying-hip-abduction": _t(
        "Levantar a perna deitado de lado (abdução do quadril)",
        "Fortalece os músculos da lateral do quadril que mantêm a bacia reta quando você anda.",
        "Deite de lado com um travesseiro embaixo da cabeça. Dobre o joelho de baixo. Mantenha "
        "a perna de cima esticada, alinhada com o corpo, com os dedos do pé para a frente.",
        [
            "Levante a perna de cima, um pouco atrás da linha do corpo, até uns 30 a 40°.",
            HOLD,
            "Abaixe devagar.",
        ],
        [
            BREATHE_LIFT,
            "Não deixe a bacia rolar para trás nem puxe o quadril em direção às costelas.",
            "Puxe o movimento pelo calcanhar; os dedos do pé ficam para a frente.",
        ],
        [],
        "Observe se a bacia rola para trás ou se o quadril sobe (sinal de que o músculo da "
        "frente da lateral do quadril está fazendo o trabalho no lugar do certo).",
        {"recent_spinal_surgery": SURGERY},
    ),
    "bird-dog": _t(
        "Perdigueiro (braço e perna opostos)",
        "Treina os músculos das costas e do bumbum para manter a coluna firme enquanto o braço e "
        "a perna se mexem.",
        "Fique de quatro apoios: mãos embaixo dos ombros, joelhos embaixo do quadril e costas "
        "retas (nem arqueadas nem arredondadas). Contraia a barriga de leve.",
        [
            "Estique uma perna para trás até a altura do quadril. Ao mesmo tempo, estique o "
            "braço oposto para a frente, na altura do ombro.",
            "Não balance nem arqueie as costas. Segure pelo tempo que seu terapeuta indicou.",
            "Volte a apoiar mãos e joelhos e depois troque de lado.",
        ],
        [
            KEEP_BREATHING,
            "Imagine uma xícara de chá em cima da parte de baixo das costas: não derrame.",
            "Difícil demais? Mexa só a perna, ou só o braço.",
            "Punhos doloridos: apoie nos punhos fechados ou nos antebraços. Joelhos doloridos: "
            "ajoelhe em uma almofada.",
        ],
        [],
        "Pirâmide descendente no estilo McGill (menos repetições em cada rodada) se o cansaço "
        "atrapalhar a postura; segure até uns 10 s.",
        {
            "cardiovascular": "Continue respirando enquanto segura.",
            "extension_intolerant": "Levante a perna só até onde conseguir sem arquear as costas.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "dead-bug": _t(
        "Inseto morto",
        "Treina os músculos da barriga para manter parada a parte de baixo das costas enquanto "
        "os braços e as pernas se mexem.",
        "Deite de barriga para cima com o quadril e os joelhos dobrados em ângulo reto (como "
        "uma mesa) e os braços apontando para o teto. A parte de baixo das costas fica apoiada "
        "de leve no chão.",
        [
            "Solte o ar enquanto desce devagar um calcanhar em direção ao chão. Se conseguir, "
            "leve ao mesmo tempo o braço oposto para trás, por cima da cabeça. Não deixe as "
            "costas arquearem.",
            "Traga de volta.",
            "Repita com o outro braço e a outra perna.",
        ],
        [
            "Solte o ar quando a perna descer.",
            "A parte de baixo das costas continua encostada de leve no chão o tempo todo.",
            "Versão mais fácil: mantenha o joelho dobrado e só toque o calcanhar no chão.",
            "Quando ficar fácil por uma semana, acrescente 2 repetições de cada lado. Pergunte "
            "antes ao seu terapeuta.",
        ],
        ["Pare se as costas saírem do chão ou começarem a doer."],
        "Controle para não arquear as costas. Versão mais fácil: toques de calcanhar com os "
        "joelhos dobrados.",
        {
            "pregnancy": "Depois de umas 16 semanas, faça no lugar o perdigueiro (n.º 22).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "modified-side-plank": _t(
        "Prancha lateral com os joelhos apoiados",
        "Dá resistência aos músculos da lateral do tronco e do quadril.",
        "Deite de lado apoiado no antebraço, com o cotovelo embaixo do ombro. Dobre os joelhos "
        "em ângulo reto, com o quadril alinhado com o tronco.",
        [
            "Suba o quadril até os joelhos, o quadril e os ombros formarem uma linha reta.",
            "Segure pelo tempo que seu terapeuta indicou, respirando normalmente.",
            "Abaixe o quadril até o chão.",
        ],
        [
            KEEP_BREATHING,
            "Mantenha o corpo em uma linha só: não deixe o quadril cair nem ir para trás.",
            "Quando ficar fácil por uma semana, acrescente 5 segundos em cada vez que segura ou "
            "1 vez a mais, uma coisa de cada vez. Pergunte antes ao seu terapeuta.",
        ],
        ["Pare se sentir dor no ombro em que está apoiado."],
        "Dor no ombro: prancha lateral na parede (em pé, com o antebraço na parede). Para "
        "avançar: prancha lateral completa, apoiado nos pés.",
        {
            "cardiovascular": "Segure por pouco tempo e respire o tempo todo.",
            "pregnancy": "Fique nesta versão com os joelhos apoiados e segure por pouco tempo.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "mcgill-curl-up": _t(
        "Abdominal de McGill",
        "Fortalece os músculos da barriga enquanto a parte de baixo das costas mantém a sua "
        "curva natural.",
        "Deite de barriga para cima com um joelho dobrado e a outra perna esticada. Coloque as "
        "mãos, com as palmas para baixo, embaixo da curva da parte de baixo das costas para "
        "manter essa curva natural.",
        [
            BRACE,
            "Levante a cabeça e os ombros 2 ou 3 centímetros do chão, tudo junto. Não empurre o "
            "queixo para a frente.",
            "Segure pelo tempo que seu terapeuta indicou, respirando.",
            "Desça. Na metade da série, troque o joelho que fica dobrado.",
        ],
        [
            KEEP_BREATHING,
            "Imagine que a cabeça e o pescoço estão apoiados em uma bandeja que sobe junto com "
            "os ombros.",
            "Se fizer mais de uma rodada, faça menos repetições em cada rodada seguinte.",
        ],
        [],
        "Melhor do que abdominais completos, que carregam muito a coluna ao dobrá-la. Dor no "
        "pescoço: apoie a cabeça com uma mão.",
        {
            "pregnancy": "Não é indicado trabalhar a barriga deitada de barriga para cima depois "
            "de umas 16 semanas.",
            "osteoporosis": "Suba bem pouco; nada de abdominais completos.",
            "cardiovascular": "Respire enquanto segura.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "cat-camel": _t(
        "Gato e camelo (movimento suave da coluna)",
        "Um aquecimento lento que mexe cada parte da coluna de leve, pelo meio do seu movimento.",
        "Fique de quatro apoios, com as mãos embaixo dos ombros e os joelhos embaixo do quadril.",
        [
            "Arredonde devagar as costas em direção ao teto e deixe a cabeça cair (camelo).",
            "Depois deixe as costas descerem de leve e levante um pouco a cabeça (gato).",
            "Continue indo de uma posição para a outra, sem chegar aos extremos.",
        ],
        [
            "Solte o ar ao arredondar as costas e puxe o ar ao deixá-las descer.",
            "É um movimento, não um alongamento: não force até o fim.",
            WHEN_EASY_2_CYCLES,
            "É um bom aquecimento antes de outros exercícios.",
        ],
        [],
        "Mobilidade de cada parte da coluna, só pelo meio do movimento. Pode na gravidez, de leve.",
        {
            "osteoporosis": "Faça um movimento pequeno.",
            "flexion_intolerant": "Arredonde as costas só um pouco.",
            "extension_intolerant": "Deixe as costas descerem só um pouco.",
            "spondylolisthesis": "Deixe as costas descerem bem pouco.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "heel-slides": _t(
        "Deslizar o calcanhar, deitado de barriga para cima",
        "Ensina a manter a bacia firme enquanto uma perna se mexe; é um bom primeiro exercício "
        "quando a dor está forte.",
        "Deite de barriga para cima com os joelhos dobrados e os pés apoiados. Contraia a "
        "barriga de leve.",
        [
            "Deslize um calcanhar pelo chão até essa perna ficar esticada.",
            "Deslize de volta ao início. A bacia não deve balançar.",
            "Repita e depois troque de perna.",
            "Outra versão: levante um pé 2 ou 3 centímetros, como se marchasse, e apoie de novo.",
        ],
        [
            "Solte o ar quando a perna se afastar e puxe o ar quando ela voltar.",
            "Apoie as mãos nos ossos da frente do quadril para sentir que eles não se mexem.",
        ],
        [],
        "Serve na fase de dor muito forte como primeiro exercício de controle.",
        {
            "pregnancy": PREGNANCY_BACK_SHORT,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "hip-hinge-dowel": _t(
        "Dobradiça do quadril com um bastão",
        "Ensina a dobrar o corpo para a frente a partir do quadril com as costas retas, para "
        "poupar a parte de baixo das costas ao se abaixar e levantar coisas no dia a dia.",
        "Fique em pé com os pés afastados na largura do quadril. Segure um cabo de vassoura ao "
        "longo das costas, de modo que ele encoste na parte de trás da cabeça, na parte de cima "
        "das costas e no osso chato do fim da coluna (sacro).",
        [
            "Solte um pouco os joelhos.",
            "Leve o quadril para trás e incline o tronco para a frente. Mantenha os três pontos "
            "encostados no bastão.",
            "Volte a ficar em pé contraindo o bumbum.",
        ],
        [
            "Puxe o ar ao inclinar para a frente e solte o ar ao ficar em pé.",
            "Se o bastão sair da cabeça ou da parte de baixo das costas, você está dobrando a "
            "coluna: incline menos.",
            "Mais tarde, pratique pegar um objeto leve de uma superfície alta do mesmo jeito.",
        ],
        ["Pare se os sintomas descerem pela perna."],
        "Boa escolha com osteoporose (coluna na posição neutra). Pare se os sintomas descerem "
        "pela perna.",
        {
            "balance_impairment": "Fique ao lado da bancada da cozinha ou de uma cadeira firme "
            "em que possa se segurar.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "sit-to-stand": _t(
        "Sentar e levantar",
        "Fortalece as coxas e o bumbum com o movimento do dia a dia de levantar de uma cadeira.",
        "Sente na metade da frente de uma cadeira firme, com os pés apoiados e afastados na "
        "largura do quadril e os braços cruzados sobre o peito.",
        [
            "Incline o corpo para a frente a partir do quadril, com as costas retas.",
            "Levante sem usar as mãos.",
            "Sente de novo devagar e com controle.",
        ],
        [
            "Solte o ar ao levantar.",
            WHEN_EASY_2,
            "Difícil demais? Use um assento mais alto ou empurre com as mãos.",
            "Encoste a cadeira na parede para ela não escorregar.",
        ],
        [],
        "Prótese de quadril por trás: assento alto, sem inclinar tanto que o quadril passe de "
        "90°. Versão mais fácil: assento mais alto ou com as mãos.",
        {
            "hip_replacement_posterior": "Use um assento alto e não incline tanto que o quadril "
            "dobre mais do que um ângulo reto.",
            "balance_impairment": "Tenha um apoio firme ao alcance e levante devagar.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "supine-sciatic-nerve-slider": _t(
        "Deslizamento do nervo ciático, deitado de barriga para cima",
        "Faz o nervo ciático (o nervo grande que desce por trás da perna) deslizar de leve, sem "
        "esticá-lo.",
        "Deite de barriga para cima. Segure atrás do joelho do lado que vai trabalhar, com o "
        "quadril dobrado mais ou menos em ângulo reto (menos se a perna estiver dolorida). Leve "
        "o queixo de leve em direção ao peito.",
        [
            "Estique o joelho em direção ao teto enquanto apoia a cabeça para trás no chão. "
            "Deixe o tornozelo relaxado.",
            "Dobre o joelho de novo enquanto leva o queixo em direção ao peito.",
            "Faça os dois movimentos juntos e suaves, e pare antes de sentir qualquer sintoma.",
        ],
        [
            BREATHE_EASY,
            "Você deve sentir no máximo um alongamento leve e rápido.",
            "Versão mais simples: deixe o joelho um pouco dobrado e mexa o pé devagar, "
            "apontando para a frente e puxando para você.",
            WHEN_EASY_2_CYCLES,
        ],
        [
            SYMPTOMS_LAST,
            "Pare se sentir mais do que um alongamento leve e rápido atrás do joelho.",
        ],
        "É um deslizamento (carrega uma ponta do nervo e alivia a outra). Evite esticar o nervo "
        "pelas duas pontas ao mesmo tempo, a não ser que seja indicado. Os sintomas não devem "
        "durar.",
        {
            "acute_radicular": "Este é o exercício de nervo mais indicado para você: fique no "
            "meio do movimento e pare antes dos sintomas.",
            "hip_replacement_posterior": HIP_90,
            "pregnancy": PREGNANCY_BACK,
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "seated-slump-slider": _t(
        "Deslizamento do nervo, sentado",
        "Faz deslizar o nervo grande que desce por trás da perna (nervo ciático) e os nervos da "
        "coluna enquanto você está sentado, sem esticá-los.",
        "Sente perto da beirada da frente de uma cadeira, deixe as costas arredondarem um pouco "
        "e coloque as mãos atrás das costas.",
        [
            "Estique um joelho e puxe os dedos do pé para você enquanto olha para o teto.",
            "Dobre o joelho de novo enquanto olha para baixo, com o queixo em direção ao peito.",
            "Continue indo de uma posição para a outra com suavidade.",
        ],
        [
            BREATHE_EASY,
            "Se ficar curvado trouxer sintomas, sente com a coluna reta: funciona do mesmo jeito.",
            "Quando ficar fácil por uma semana, acrescente 2 ciclos. Pergunte antes ao seu "
            "terapeuta.",
        ],
        [
            SYMPTOMS_LAST,
            "Pare se sentir mais do que um alongamento leve e rápido.",
        ],
        "Como o n.º 30. O nervo se move quase o mesmo sentado reto ou curvado, então sente reto "
        "se ficar curvado trouxer sintomas.",
        {
            "acute_radicular": "Sente reto, fique no meio do movimento e pare antes dos sintomas.",
            "flexion_intolerant": "Sente reto em vez de curvado.",
            "osteoporosis": "Sente reto em vez de curvado.",
            "hip_replacement_posterior": "Use um assento mais alto e sente reto para o quadril "
            "não passar de um ângulo reto.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "prone-press-up": _t(
        "De bruços, apoiado nos cotovelos, e empurrar para cima (extensão das costas)",
        "Arqueia a parte de baixo das costas aos poucos, deitado de bruços; é usado quando esse "
        "movimento alivia os sintomas da perna.",
        "Deite de bruços por um ou dois minutos, com um travesseiro embaixo do quadril se "
        "precisar. Depois apoie-se nos cotovelos por alguns minutos. Quando estiver confortável, "
        "passe para o empurrar para cima.",
        [
            "Coloque as mãos embaixo dos ombros.",
            "Deixe o quadril e a bacia relaxados no chão e empurre a parte de cima do corpo para "
            "cima até onde for confortável.",
            "Faça uma pausa curta e depois desça.",
            "A cada vez, suba um pouco mais se estiver tudo bem.",
        ],
        [
            "Solte o ar ao empurrar para cima.",
            "Deixe as costas e o bumbum relaxados: quem trabalha são os braços.",
            "Um bom sinal: os sintomas da perna voltam em direção à coluna, mesmo que as costas "
            "doam um pouco por um tempo.",
        ],
        [SPREADING],
        "Use só quando esse movimento for o que alivia. Bom se os sintomas subirem em direção à "
        "coluna; pare se descerem mais pela perna.",
        {
            "extension_intolerant": ARCH_NO,
            "spondylolisthesis": ARCH_APPROVAL,
            "pregnancy": "Não deite de bruços depois dos três primeiros meses.",
            "hypermobility": "Suba só uma parte do caminho, com controle.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "standing-back-extension": _t(
        "Arquear para trás em pé",
        "Uma inclinação leve para trás, em pé, para fazer pausas quando fica muito tempo sentado "
        "e esse movimento alivia os seus sintomas.",
        "Fique em pé com os pés afastados. Coloque as mãos na parte de trás da bacia, com os "
        "dedos para baixo.",
        [
            "Incline de leve para trás por cima das mãos, com os joelhos esticados.",
            "Faça uma pausa de um segundo.",
            "Volte a ficar em pé com a coluna reta.",
        ],
        [
            "Solte o ar ao inclinar para trás.",
            "Espalhe as rodadas ao longo do dia: uma depois de cada período longo sentado.",
        ],
        [SPREADING],
        "Mesmo objetivo e mesmos cuidados do n.º 32: bom se os sintomas subirem em direção à "
        "coluna, pare se descerem mais pela perna.",
        {
            "extension_intolerant": ARCH_NO,
            "spondylolisthesis": ARCH_APPROVAL,
            "balance_impairment": "Fique com as costas perto de uma parede ou bancada e incline "
            "só um pouco.",
            "pregnancy": "Incline para trás só um pouco; o seu equilíbrio muda.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "aquatic-walking": _t(
        "Caminhar na piscina",
        "Caminhar na água na altura do peito, onde a água carrega parte do seu peso e tira carga "
        "da parte de baixo das costas.",
        "Fique em pé em água morna na altura da cintura ou do peito, perto da borda ou da barra "
        "da piscina para poder se segurar.",
        [
            "Caminhe para a frente na maior parte do tempo.",
            "Depois caminhe para trás por um pouco.",
            "Depois caminhe de lado por um pouco, para cada lado.",
            "Fique com a coluna reta, contraia a barriga de leve e deixe os braços balançarem "
            "normalmente.",
        ],
        [
            TALK,
            "Aumente aos poucos: primeiro mais tempo, depois mais rápido.",
            "Mais tarde, correr em água funda com um cinto flutuador é o próximo passo.",
        ],
        [POOL_UNWELL],
        "Cuidados com a piscina (fica oculto): feridas abertas, epilepsia não controlada, doença "
        "do coração ou dos pulmões instável etc. Quem não sabe nadar não fica de fora: água rasa "
        "com cinto flutuador ou barra (com cuidado).",
        {
            "aquatic_precaution": POOL_NO,
            "non_swimmer": "Você não precisa nadar para isto. Fique em água que não passe do "
            "peito, perto da barra ou da borda, e use um cinto flutuador.",
            "cardiovascular": WARM_POOL,
            "balance_impairment": "Fique perto da barra ou da borda.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "swimming": _t(
        "Nadar leve",
        "Crawl ou costas leves, com uma pernada relaxada, para ganhar fôlego com o peso do "
        "corpo apoiado pela água.",
        "Entre na piscina e comece num ritmo leve. Se for novo nisso, comece com uma prancha e "
        "uma pernada relaxada (batidas pequenas a partir do quadril), de bruços ou de costas.",
        [
            "Nade crawl ou costas devagar, com uma pernada relaxada.",
            "Descanse na borda sempre que precisar.",
            "Se virar a cabeça para respirar doer, use um snorkel (tubo de respirar) ou nade de "
            "costas.",
        ],
        [
            "Solte o ar de forma contínua dentro da água.",
            "Quando seus sintomas estiverem calmos na manhã seguinte, acrescente mais ou menos "
            "10 % de tempo a cada semana. Pergunte antes ao seu terapeuta.",
            "Dê o impulso na borda com suavidade.",
        ],
        [
            "Evite a pernada de peito (de sapo), o nado borboleta e impulsos fortes se eles "
            "trouxerem dor.",
            POOL_UNWELL,
        ],
        "Por padrão, crawl ou costas com pernada relaxada (costume clínico). Valem os cuidados "
        "com a piscina, e fica oculto para quem não sabe nadar (caminhar na piscina no lugar).",
        {
            "aquatic_precaution": POOL_NO,
            "non_swimmer": "Nadar ainda não é para você: caminhar na piscina dá o mesmo apoio.",
            "cardiovascular": WARM_POOL,
            "extension_intolerant": "Prefira nadar de costas, ou use um snorkel para não "
            "arquear as costas ao respirar.",
            "recent_spinal_surgery": SURGERY,
        },
    ),
    "graded-walking": _t(
        "Caminhada progressiva",
        "Caminhar começando pouco e aumentando aos poucos, desde que os seus sintomas continuem "
        "calmos.",
        "Escolha um caminho plano que você consiga percorrer pelo tempo indicado sem os sintomas "
        "aumentarem.",
        [
            "Caminhe num ritmo confortável pelo seu tempo inicial.",
            "Se na manhã seguinte os sintomas não estiverem piores, acrescente mais ou menos 10 % "
            "(um ou dois minutos) a cada poucos dias.",
            "Se estiverem piores, volte ao último tempo que foi bem.",
        ],
        [
            TALK,
            "Se as pernas doerem ao caminhar e melhorarem quando você senta ou inclina para a "
            "frente, faça caminhadas mais curtas com pausas sentado, ou apoie-se num carrinho "
            "de supermercado.",
        ],
        [
            "Pare e ligue para a clínica se a perna ficar mais fraca, ou se o pé começar a "
            "arrastar ou bater no chão."
        ],
        "Com estenose: caminhadas mais curtas com pausas sentado ou com o corpo um pouco "
        "inclinado para a frente. Fraqueza na perna que vai piorando: siga o protocolo de "
        "sinais de alerta.",
        {
            "balance_impairment": "Caminhe com uma bengala ou acompanhado, em terreno plano.",
            "extension_intolerant": "Faça caminhadas curtas com descansos sentado, ou incline um "
            "pouco para a frente (caminhe em subida na esteira ou empurre um carrinho de "
            "supermercado).",
            "recent_spinal_surgery": SURGERY,
        },
    ),
}

# The library's tempo (the "Ritmo" row), keyed by slug: what the patient reads where the
# program item still has the library's English tempo. A tempo the therapist typed stays as typed.
AIS_TEMPO = (
    "Entre no alongamento em cerca de 2 segundos, ajude com a corda ou as mãos por até "
    "2 segundos e volte em cerca de 2 segundos"
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
        "Incline o corpo para a frente em cerca de 3 segundos e volte em cerca de 2 segundos"
    ),
    "sit-to-stand": "Levante-se em cerca de 2 segundos e sente-se devagar, em cerca de 3 segundos",
    "prone-press-up": (
        "Suba em cerca de 2 segundos, faça uma pausa curta e desça em cerca de 2 segundos"
    ),
    "standing-back-extension": (
        "Incline-se para trás em cerca de 2 segundos e volte a se endireitar em cerca de 2 segundos"
    ),
    "cat-camel": "Cerca de 3 segundos ao subir as costas e outros 3 ao descer, sem parar no fim",
    "supine-sciatic-nerve-slider": "Devagar e sem trancos: cerca de 2 segundos em cada direção",
    "seated-slump-slider": "Devagar e sem trancos: cerca de 2 segundos em cada direção",
    "posterior-pelvic-tilt": (
        "Incline a bacia em cerca de 2 segundos, segure e solte em cerca de 2 segundos"
    ),
    "glute-bridge": (
        "Suba o quadril em cerca de 2 segundos, segure e desça em cerca de 3 segundos"
    ),
    "single-leg-bridge": "Suba o quadril em cerca de 2 segundos e desça em cerca de 3 segundos",
    "clamshell": "Abra o joelho em cerca de 2 segundos, segure e feche em cerca de 2 segundos",
    "side-lying-hip-abduction": (
        "Levante a perna em cerca de 2 segundos, segure e abaixe em cerca de 2 segundos"
    ),
    "bird-dog": (
        "Estique o braço e a perna em cerca de 2 segundos, segure e volte em cerca de 2 segundos"
    ),
    "dead-bug": "Abaixe em cerca de 3 segundos e volte em cerca de 2 segundos",
    "modified-side-plank": (
        "Suba o quadril em cerca de 2 segundos, segure e desça em cerca de 2 segundos"
    ),
    "mcgill-curl-up": (
        "Levante a cabeça e os ombros em cerca de 1 segundo, segure e desça em cerca de 2 segundos"
    ),
    "heel-slides": "Deslize o calcanhar em cerca de 3 segundos e volte em cerca de 3 segundos",
}
