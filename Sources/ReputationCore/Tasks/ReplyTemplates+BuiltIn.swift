extension ReplyTemplates {
    /// A small fallback set for when no feeds/templates folder is configured (an installed binary without its
    /// feeds). The shipped feeds/templates/ has more variants and is what a deployment normally reads.
    package static let builtIn: ReplyTemplates = {
        var templates = ReplyTemplates()
        for (language, text) in [("es", spanish), ("en", english)] {
            // These texts are checked by the same rules as user files; a test parses them.
            if let sections = try? parse(text, file: "built-in \(language)") { templates.set(sections, for: language) }
        }
        return templates
    }()

    static let spanish = """
        [complaint]
        Hola {name}, lo siento mucho, entendemos tu malestar. Te escribimos ahora por mensaje privado para revisar tu caso.
        Hola {name}, sentimos mucho lo ocurrido. Te hemos enviado un mensaje privado para seguir contigo paso a paso.
        [question]
        Hola {name}, gracias por preguntar.
        ¡Hola {name}! Buena pregunta.
        [comment]
        Hola {name}, lo siento, gracias por contárnoslo. Si quieres, te escribimos por privado para saber más.
        Hola {name}, sentimos que no haya sido como esperabas. Te escribimos por privado para conocer los detalles.
        [crisis]
        Hola {name}, lo sentimos. Sabemos que hay un problema y ya estamos trabajando en ello; daremos novedades aquí.
        Hola {name}, lamentamos las molestias. Estamos en ello; te mantendremos informado en este canal.
        [private_request]
        Para ayudarte, envíanos por mensaje privado tu número de pedido (nunca en público).
        Cuando puedas, mándanos por privado el número de pedido para localizarlo enseguida.
        [private_closed]
        Hola {name}, no podemos escribirte por mensaje privado: cuando puedas, escríbenos tú por privado y seguimos allí.
        Hola {name}, tu buzón no admite mensajes nuestros: envíanos un mensaje privado y te atendemos por allí.
        [private_data]
        Por tu seguridad, te escribimos por privado: en tu publicación se ve tu {data}; te recomendamos editarla para quitar ese dato.
        Te hemos escrito por mensaje privado: tu publicación muestra tu {data} y te sugerimos editarla para protegerte.
        [unanswered]
        No tenemos esa respuesta a mano: lo consultamos y te escribimos en cuanto lo sepamos.
        Buena pregunta: lo averiguamos y te contestamos aquí mismo lo antes posible.
        [praise]
        ¡Gracias, {name}! Nos alegra mucho leerte; se lo contamos al equipo.
        Gracias de corazón, {name}. Comentarios así nos animan a seguir mejorando.
        [press]
        Hola {name}, gracias por escribir sobre nosotros. Nuestro equipo de prensa te contacta por privado con la información que necesites.
        Hola {name}, gracias por tu interés. Te pasamos con nuestro equipo de comunicación, que te escribe por privado.
        [next_step:late_delivery]
        Revisamos ahora el envío con la agencia de transporte y te decimos por privado dónde está y cuándo llega.
        [next_step:refund]
        Te confirmamos por privado el estado del reembolso y la fecha en que lo verás en tu cuenta.
        [next_step:defect]
        Te ofrecemos la sustitución del artículo o su recogida sin coste; te escribimos por privado para elegir el día.
        [hours]
        Nuestro horario de atención es {hours}; fuera de él respondemos al abrir.
        Te atendemos en horario {hours}.
        [sign_off]
        Un saludo, {initials}.
        ^{initials}
        """

    static let english = """
        [complaint]
        Hi {name}, we're so sorry about this. We've sent you a private message to look into it and sort it out.
        Hi {name}, sorry to hear about this. We've messaged you privately to go through the next steps together.
        [question]
        Hi {name}, thanks for asking!
        Hello {name}, good question.
        [comment]
        Hi {name}, sorry, and thank you for telling us. If you like, we can message you privately to learn more.
        Hi {name}, sorry this wasn't what you expected. We've written to you privately to hear the details.
        [crisis]
        Hi {name}, we're sorry. We know there is a problem and we're working on it; we'll post updates right here.
        Hello {name}, sorry for the trouble. We're on it and will keep you posted in this channel.
        [private_request]
        To help you, please send us your order number by private message (never publicly).
        When you can, send us the order number privately so we can find it straight away.
        [private_closed]
        Hi {name}, we can't message you privately: when you can, send us a private message and we'll continue there.
        Hi {name}, your inbox doesn't take messages from us: please send us a private message and we'll help you there.
        [private_data]
        For your safety we've written to you privately: your post shows your {data}; we recommend editing it to take that detail out.
        We've sent you a private message: your post shows your {data} and we suggest editing it to protect yourself.
        [unanswered]
        We don't have that answer to hand: we'll find out and write back as soon as we know.
        Good question: we'll check with the team and get back to you here shortly.
        [praise]
        Thank you, {name}! That's lovely to hear; we'll pass it on to the team.
        Thanks so much, {name}! Comments like yours make the team's day.
        [press]
        Hi {name}, thanks for writing about us. Our press team will get in touch privately with the information you need.
        Hi {name}, thanks for your interest. We're passing you to our press office, who will write to you privately.
        [next_step:late_delivery]
        We're checking your shipment with the carrier now and will tell you privately where it is and when it arrives.
        [next_step:refund]
        We'll confirm privately where your refund is and the date you'll see it in your account.
        [next_step:defect]
        We'll offer you a replacement or a free pick-up, whichever you prefer; we'll message you privately to arrange it.
        [hours]
        Our team is available {hours}; outside those hours we reply as soon as we open.
        We're here {hours}.
        [sign_off]
        Best, {initials}.
        ^{initials}
        """
}
