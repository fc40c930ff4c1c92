"""Noise rules and header parsing, on phrasings the two samples do not have."""

from __future__ import annotations

import pytest

from harvester.clean import meta, rules


@pytest.mark.parametrize("line", [
    "advertisement", "ADVERTISEMENT", "Advertisement - scroll to continue",
    "Advertisement · Continue reading below", "Anzeige", "- Anzeige -", "Werbung",
    "Publicité", "Publicidad", "Reklama", "Sponsored", "[Ad]",
])
def test_ad_labels_in_other_phrasings_and_languages(line):
    assert rules.noise_reason(line) == "ad-label"


@pytest.mark.parametrize("line", [
    "Advertisement revenue fell by a third last year, the company said.",
    "Die Anzeige wurde am Montag bei der Polizei erstattet.",
])
def test_ad_words_inside_a_sentence_are_prose(line):
    assert rules.noise_reason(line) is None


@pytest.mark.parametrize("line", [
    "Story continues below advertisement", "Article continues below this ad",
    "Continue reading below", "ADVERTISEMENT - CONTINUE READING BELOW",
    "Advertisement · Scroll to continue", "(Story continues below)",
    "Continue reading the main story", "Der Artikel geht nach der Anzeige weiter",
    "La suite après cette publicité",
])
def test_ad_slots_written_as_a_sentence(line):
    assert rules.noise_reason(line) == "ad-label"


@pytest.mark.parametrize("line", [
    "The story continues to unfold after the ads were pulled.", "Continue", "Read the full story",
    "To be continued.",
])
def test_lines_with_other_words_than_an_ad_slot_are_kept(line):
    assert rules.noise_reason(line) is None


@pytest.mark.parametrize("line", [
    "Click here to get updates on WhatsApp", "Follow us on Telegram for the latest updates",
    "Join our WhatsApp channel for updates", "Follow us on Google News",
])
def test_calls_to_follow_the_site_on_an_app(line):
    assert rules.noise_reason(line) == "promo"


@pytest.mark.parametrize("line", ["|---|---|", "| :--- | ---: |", "---|---"])
def test_a_table_separator_row_is_no_share_bar(line):
    assert rules.noise_reason(line) is None
    assert rules.noise_reason("| |") == "share-bar"



@pytest.mark.parametrize("line", [
    "||", "| |", " | | | ", "Share | Tweet | Email", "Facebook Twitter WhatsApp",
    "Teilen Drucken", "Partager / Imprimer", "Share on Facebook", "Compartir en X",
    "Copiar enlace", "Copier le lien", "Condividi su Facebook",
])
def test_share_bars(line):
    assert rules.noise_reason(line) == "share-bar"


def test_a_sentence_about_twitter_is_not_a_share_bar():
    assert rules.noise_reason("He shared the video on Twitter and Facebook on Monday.") is None


@pytest.mark.parametrize("line", [
    "Also read:", "Also read: Trump says talks with Caracas are going well",
    "READ MORE:", "READ MORE: Oil prices slide after the announcement", "Related:",
    "Related Articles", "See also", "Lesen Sie auch", "Lesen Sie auch: Die Lage in Caracas",
    "Mehr zum Thema", "Lire aussi", "Czytaj też:", "Das könnte Sie auch interessieren",
])
def test_also_read_teasers(line):
    assert rules.noise_reason(line) == "also-read"


def test_prose_that_starts_like_a_teaser_heading_is_kept():
    line = ("Read more carefully, the minister said, and you will find that the agreement "
            "leaves every contested question open for another round of talks next spring, "
            "when the delegations are due to meet again in Geneva to settle the details.")
    assert rules.noise_reason(line) is None


def test_hashtag_lines_and_their_tags():
    line = "#Oil #Venezuela #oil #Venezuela"
    assert rules.noise_reason(line) == "hashtags"
    assert rules.hashtags(line) == ["Oil", "Venezuela", "oil", "Venezuela"]
    assert rules.noise_reason("We're #1 in the region, the mayor said.") is None


@pytest.mark.parametrize("line", [
    "Photo: Reuters", "(Image: Getty)", "Foto: dpa", "Bild: TebNad/Shutterstock.com",
    "Credit: Getty Images",
])
def test_caption_credits(line):
    assert rules.is_caption(line)
    assert rules.noise_reason(line) in ("caption", "footer")


def test_caption_ends_with_a_credit():
    assert rules.is_caption("Oil pumps at sunset. Picture: John Smith/Shutterstock")
    assert not rules.is_caption("The pumps were photographed at sunset by a local resident.")


@pytest.mark.parametrize("line", [
    "© 2024 Example Media GmbH", "Copyright 2019 Foo Inc.", "Alle Rechte vorbehalten.",
    "All content is licensed under a Creative Commons Attribution 4.0 International License.",
])
def test_footer_lines(line):
    assert rules.noise_reason(line) == "footer"


@pytest.mark.parametrize("line", [
    "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten.",
    "This site uses cookies. By continuing to browse you agree to our use of cookies.",
])
def test_cookie_notices_on_pages_only(line):
    assert rules.noise_reason(line) == "cookie-notice"
    assert rules.noise_reason(line, page=False) is None


@pytest.mark.parametrize("line", [
    "Receive our monthly newsletter", "Jetzt Newsletter abonnieren!", "Follow us on Twitter",
])
def test_promo_lines_on_pages_only(line):
    assert rules.noise_reason(line) == "promo"
    assert rules.noise_reason(line, page=False) is None


@pytest.mark.parametrize("line", ["Leave a Reply", "3 Kommentare", "Kommentar verfassen",
                                  "Antworten", "Anna sagt:"])
def test_comment_section_markers(line):
    assert rules.COMMENTS_HEAD.search(line)


# --- bylines and dates --------------------------------------------------------------------------

@pytest.mark.parametrize("line, author, date", [
    ("Amin Masoodi 09 January 2026 12:04", "Amin Masoodi", "2026-01-09"),
    ("By Jane Doe | Jan 9, 2026", "Jane Doe", "2026-01-09"),
    ("Jane Doe, Reuters — 2026-01-09 14:00", "Jane Doe", "2026-01-09"),
    ("Von Max Mustermann, 09.01.2026", "Max Mustermann", "2026-01-09"),
    ("Par Marie Dupont, le 9 janvier 2026", "Marie Dupont", "2026-01-09"),
    ("By Jane Doe and John Roe", "Jane Doe and John Roe", None),
    ("Veröffentlicht am 9. Januar 2026", None, "2026-01-09"),
])
def test_byline_formats(line, author, date):
    assert meta.parse_byline(line) == (author, date)


@pytest.mark.parametrize("line", [
    "Trump calls off Venezuela strikes after Caracas frees political prisoners",
    "The talks began on 9 January 2026 and are expected to last a week.",
    "Donald Trump",
])
def test_lines_that_are_not_bylines(line):
    assert meta.parse_byline(line) is None


@pytest.mark.parametrize("text, iso", [
    ("9 de enero de 2026", "2026-01-09"), ("January 9th, 2026", "2026-01-09"),
    ("9 stycznia 2026", "2026-01-09"), ("2026-01-09T14:00:00Z", "2026-01-09"),
    ("31.12.1999", "1999-12-31"),
])
def test_dates_in_other_languages_and_shapes(text, iso):
    assert meta.find_date(text)[0] == iso


def test_impossible_dates_are_not_dates():
    assert meta.find_date("45.13.2026") is None
    assert meta.find_date("Version 1.2.3000") is None


# --- sign-up forms, disclaimers, teaser heads, comment heads (pages only where noted) ------------

@pytest.mark.parametrize("line", [
    "Get the best of our weekend reads straight to your inbox every Saturday morning.",
    "Your email address will not be published. Required fields are marked *",
    "Ich bin mit der Verarbeitung meiner Daten gemäß der Datenschutzerklärung einverstanden.",
    "You must sign in to post a comment.",
    "Our newsroom relies on your support: every contribution keeps this site free to read.",
    "Download our apps for iPhone and Android to get alerts as the story develops.",
])
def test_sign_up_and_consent_lines_on_pages_only(line):
    assert rules.noise_reason(line) == "promo"
    assert rules.noise_reason(line, page=False) is None


@pytest.mark.parametrize("line", [
    "Some links in this guide are affiliate links; we earn a small fee if you buy.",
    "This entry was posted in Gardening and tagged beans, balcony.",
    "Dieser Beitrag wurde unter Allgemein abgelegt.",
    "All photographs are the copyrighted property of the Harbour Times.",
])
def test_site_disclaimers(line):
    assert rules.noise_reason(line) == "disclaimer"


@pytest.mark.parametrize("line", [
    "The letters were sent by email to every household on the island, the mayor said.",
    "Readers who follow the trial will remember that the first hearing collapsed in May.",
])
def test_prose_mentioning_email_or_following_is_kept(line):
    assert rules.noise_reason(line) is None


@pytest.mark.parametrize("line", [
    "Auch lesen: Neue Radwege für die Altstadt", "Vea también: El puerto amplía su horario",
    "Dowiedz się więcej: Nowy most w Gdańsku", "Zum Weiterlesen:",
])
def test_more_teaser_heads(line):
    assert rules.noise_reason(line) == "also-read"


@pytest.mark.parametrize("line", [
    "17 thoughts on “How to grow beans on a balcony”", "One response to Harbour bridge closes",
    "5 Kommentare zu Bohnen auf dem Balkon", "3 réponses à « Le pont du port »",
])
def test_comment_count_heads(line):
    assert rules.COMMENTS_HEAD.search(line)


def test_parenthesised_photographer_and_agency_is_a_caption_credit():
    assert rules.is_caption("Boats in the harbour at night (L. Berg / Nordic Images)")
    assert not rules.is_caption("Turnout rose in both rounds (1/2), officials said on Monday")


@pytest.mark.parametrize("line", ["4 min read", "Lesezeit: 3 Min.", "12 minutes de lecture",
                                  "Reading time: 6 minutes", "Lesedauer: 4 Min.",
                                  "Tempo di lettura: 3 minuti", "Leestijd: 5 minuten"])
def test_reading_time_lines(line):
    assert rules.noise_reason(line) == "reading-time"
    assert rules.noise_reason("The 4 minutes of silence were read out.") is None


# One phrasing for each alternative of each pattern that has hints (``rules.Rule.hints``).
SIGN_UP_BOXES = [
    "Sign up now", "Sign me up", "Join", "Zaloguj się", "Thanks for signing up!",
    "Thank you for subscribing!", "You're all set!", "Please enter a valid email address",
    "Something went wrong. Please try again.", "Already a subscriber? Log in",
    "Already have an account? Sign in", "Bereits Abonnent? Hier einloggen",
    "Déjà abonné ? Se connecter", "¿Ya eres suscriptor? Inicia sesión",
    "Sei già abbonato? Accedi", "Já é assinante? Entre", "Уже подписаны? Войдите",
    "Create a free account", "Register for free", "Jetzt kostenlos registrieren",
    "Créer un compte", "Start your free trial", "Try 1 month for $1",
    "Unlimited access for just $1", "Log in to continue reading", "Subscribers only",
    "This article is for subscribers only", "Exclusive for subscribers",
    "Nur für Abonnenten", "Réservé aux abonnés", "Contenido exclusivo para suscriptores",
    "Conteúdo exclusivo para assinantes", "Contenuto riservato agli abbonati",
    "Treść dostępna dla subskrybentów", "Alleen voor abonnees",
    "Vielen Dank für Ihre Anmeldung!", "Merci pour votre inscription !",
    "Gracias por suscribirte", "Dziękujemy za zapisanie się", "Спасибо за подписку",
]


HINTED_PHRASINGS = {
    rules.AD_SLOT: [
        "Story continues below advertisement", "Article continues below this ad",
        "Continue reading below", "Advertisement · Scroll to continue", "Sponsored content below",
        "Der Artikel geht nach der Anzeige weiter", "Werbung – weiter lesen",
        "Publicité - la suite",
        "La suite après cette publicité",
        "Publicidad - sigue leyendo", "Continúa leyendo", "Pubblicità - continua a leggere",
        "Il articolo prosegue", "Czytaj dalej", "Reklama - czytaj dalej", "Advert - read below",
        "Ads - scroll down", "Skip advertisement",
        "Lesen Sie nach der Anzeige weiter", "Dalsza część artykułu pod reklamą",
        "Continua após a publicidade", "A matéria continua após o anúncio",
        "Het artikel gaat verder onder de advertentie", "Продолжение после рекламы",
        "Статья продолжается ниже",
    ],
    rules.APP_UPDATES: [
        "Click here to get updates on WhatsApp", "Tap here to install the app",
        "Follow us on Telegram for the latest updates", "Join our WhatsApp channel",
        "Stay updated on Google News alerts", "Síguenos en Telegram", "Siga-nos no WhatsApp",
        "Sigam-nos no canal", "Suivez-nous sur WhatsApp", "Seguici su Telegram",
        "Volg ons op WhatsApp", "Obserwuj nas w Google News", "Dołącz do nas na kanale",
        "Folge uns auf WhatsApp", "Подписывайтесь на наш Telegram-канал",
        "Подпишитесь на канал", "Присоединяйтесь к нашему каналу в Дзен",
        "हमें फॉलो करें", "हमें फ़ॉलो करें", "व्हाट्सएप चैनल से जुड़ें", "टेलीग्राम चैनल",
        "关注我们", "關注我們",
    ],
    rules.FOOTER: [
        "© 2013 Example Media", "(c) 2020 Example Media", "Copyright 2024 Example Media",
        "All rights reserved.", "Alle Rechte vorbehalten", "Tous droits réservés",
        "Todos los derechos reservados", "Wszelkie prawa zastrzeżone",
        "All content is licensed under a Creative Commons License", "Powered by WordPress",
        "Todos os direitos reservados", "Tutti i diritti riservati", "Alle rechten voorbehouden",
        "Все права защищены", "सर्वाधिकार सुरक्षित", "版权所有", "版權所有", "保留所有权利",
    ],
    rules.COOKIE_NOTICE: [
        "We use cookies", "Cookie-Richtlinie", "Datenschutzeinstellungen", "Privacy settings",
        "Einwilligung widerrufen", "Consent preferences", "Tracking: akzeptieren",
    ],
    rules.PROMO: [
        "Receive our monthly newsletter", "Subscribe now", "Your subscription", "Hier abonnieren",
        "Abonnez-vous", "Suscríbete", "Zapraszamy do subskrypcji", "Follow us",
        "Follow Jane on Mastodon", "Folgen Sie uns", "Jede Spende hilft", "Donate today",
        "Support our journalism", "Unterstützen Sie uns", "Sign up for updates", "Jetzt testen",
        "Ontvang onze nieuwsbrief", "Assine o jornal", "Inscreva-se", "Iscriviti",
        "Abbonati ora", "Zapisz się", "Zasubskrybuj", "Subskrybuj kanał", "Regístrate",
        "Registrate gratis", "Cadastre-se", "Подпишитесь на нас", "Подписывайтесь",
        "Получайте нашу рассылку", "Поддержите нас", "सब्सक्राइब करें", "न्यूज़लेटर",
        "न्यूजलेटर", "订阅", "訂閱",
    ],
    rules.SIGN_UP: [
        "Delivered to your inbox", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
        "Your email address will not be published.", "Dans votre boîte mail",
        "Dans votre boite aux lettres", "Lettre d'information",
        "Mit der Datenschutzerklärung bin ich einverstanden", "Ich akzeptiere",
        "I agree to the terms", "Tick the checkbox", "Please log in to leave a comment",
        "Kommentare: bitte anmelden", "We rely on your support", "Unterstütze uns",
        "Wesprzyj nas", "Hinter der Bezahlschranke", "Paywall",
        "Follow us on Twitter",
    ],
    rules.APP_DOWNLOAD: [
        "Download our app", "Baixe o app", "Baixar o aplicativo", "Descarregue a app",
        "Descarga la aplicación", "Télécharger l'application", "Telechargez l'appli",
        "Scarica l'app", "Pobierz aplikację", "Lade die App herunter", "Laden Sie unsere App",
        "Скачайте приложение", "Установите приложение", "Installeer de app",
        "ऐप डाउनलोड करें", "डाउनलोड करें", "下载客户端", "下載app",
    ],
    rules.APP_PROMO: [
        "Get the BBC News app", "Open in app", "Read this story in our app",
        "Continue reading in the app", "Try our new app!", "Holen Sie sich die App",
        "Ouvrir l'appli", "Abrir la app", "Leggi nell'app", "Lees verder in de app",
        "Available on the App Store and Google Play", "Now available on Google Play",
        "Jetzt verfügbar im App Store", "Disponible sur l'App Store", "Get it on Google Play",
        "App Store", "Google Play", "App Store & Google Play", "Jetzt in der App lesen",
        "Lire dans l'appli", "Abrir en la app", "In der App öffnen", "App herunterladen",
        "Stay informed with the Daily News app", "Never miss a story with our app",
        "Alle News in unserer App", "Toute l'actualité sur notre application",
        "Toda la información en nuestra app", "Descubre nuestra aplicación",
        "Mit der App immer informiert", "Jetzt die neue App entdecken",
        "Available on iOS and Android", "For iPhone and Android", "Für iPhone und Android",
        "Disponible sur iOS et Android", "Unsere App für iPhone und Android",
        "All the news in your pocket", "News on the go", "Our app is now available",
        "Try the new Daily News app for free", "For the best experience, use our app",
        "Scan to download", "Get it for iPhone and Android", "Zur App", "Die App ist kostenlos",
        "Kostenlos im App Store und bei Google Play", "Alle Nachrichten aufs Handy",
        "Disponible gratuitement sur iOS et Android", "ऐप पर पढ़ें", "打开APP", "在APP中阅读",
        "Get the Daily News app for Android and iOS", "Install the Daily News app for free",
        "Get the latest news and updates on the go", "Now on the app: live updates",
        "Get our app and never miss a story",
    ],
    rules.NOTIFICATIONS: [
        "Turn on notifications", "Allow notifications to get the latest news",
        "Never miss a story: enable notifications", "Get notifications on your phone",
        "Get breaking news alerts", "Activez les notifications", "Recevez nos alertes",
        "Recibe alertas en tu móvil", "Aktiviere die Benachrichtigungen",
        "Attiva le notifiche", "Włącz powiadomienia", "Включите уведомления",
        "Push-Mitteilungen aktivieren", "Receba notificações push",
    ],
    rules.ACCOUNT_WALL: SIGN_UP_BOXES,
    rules.FOLLOW_NETWORK: [
        "Síguenos en Twitter", "Síguenos en X", "Siga-nos no Instagram",
        "Sigam-nos no Facebook", "Suivez-nous sur Facebook", "Seguici su Instagram",
        "Volg ons op Facebook", "Obserwuj nas na Facebooku i na YouTube",
        "Dołącz do nas na Facebook", "Dolacz do nas na Facebook", "Folge uns auf X",
        "Folgen Sie uns auf YouTube", "Join our community on TikTok",
        "Подписывайтесь на нас в ВКонтакте", "Подпишитесь на наш YouTube",
        "Присоединяйтесь к нам в VK",
    ],
    rules.DISCLAIMER: [
        "Affiliate-Links", "Provision vom Händler", "We may receive compensation",
        "Advertising disclosure", "The copyrighted property of Example Media",
        "Not without written permission", "Materiał chroniony prawem autorskim",
        "Elles n'engagent que leurs auteurs", "Bookmark the permalink",
        "This entry was posted in News", "Dieser Beitrag wurde am 3. Mai veröffentlicht",
    ],
}


def test_every_rule_with_hints_has_phrasings_here():
    hinted = {rule.pattern for rule in rules.LINE_RULES + rules.PAGE_RULES if rule.hints}
    assert hinted == set(HINTED_PHRASINGS)


@pytest.mark.parametrize("pattern, line", [
    (pattern, line) for pattern, lines in HINTED_PHRASINGS.items() for line in lines])
def test_every_phrasing_of_a_hinted_pattern_holds_one_of_its_hints(pattern, line):
    [rule] = [r for r in rules.LINE_RULES + rules.PAGE_RULES if r.pattern is pattern]
    for variant in (line, line.upper()):
        assert pattern.search(variant), variant  # the phrasing is one the pattern names
        assert rule.names(variant, variant.lower()), variant


# --- chrome of US and European news sites (pages only where noted) ------------------------------

@pytest.mark.parametrize("line, reason", [
    ("Skip Ad", "ad-label"),  # the pattern allowed "ad"; its word hints did not
    ("Ad feedback", "ad-label"),
    ("Promoted stories", "ad-label"),
    ("Do Not Sell My Personal Information", "footer"),
    ("Do not sell or share my personal info", "footer"),
])
def test_ad_slots_and_footer_links(line, reason):
    assert rules.noise_reason(line) == reason
    assert rules.noise_reason(line, page=False) == reason


@pytest.mark.parametrize("line, reason", [
    ("By signing up, you agree to our terms and privacy notice.", "promo"),
    ("By creating an account you accept the site's rules.", "promo"),
    ("No spam. Unsubscribe anytime.", "promo"),
    ("Editor's Picks", "related"), ("Read next", "related"), ("Don't miss", "related"),
    ("Must read", "related"), ("Up next", "related"),
    ("This article was sponsored by the regional tourism board.", "disclaimer"),
    ("Sign up", "navigation"), ("Log out", "navigation"), ("Mein Konto", "navigation"),
])
def test_sign_up_small_print_widget_heads_and_account_links_on_pages_only(line, reason):
    assert rules.noise_reason(line) == reason
    assert rules.noise_reason(line, page=False) is None


@pytest.mark.parametrize("line", [
    "Allow users to unsubscribe by using the link at the bottom of each email.",
    "If at any time you would like to unsubscribe from receiving future emails, write to us.",
    "By clicking through the archive, the historian found the letters.",
    "Read next week's edition for the second part of the interview with the mayor.",
])
def test_prose_with_those_words_is_kept(line):
    assert rules.noise_reason(line) is None


# --- the other languages of news sites ------------------------------------------------------------

@pytest.mark.parametrize("line, reason", [
    ("Publicidade", "ad-label"), ("Anúncio", "ad-label"), ("Реклама", "ad-label"),
    ("विज्ञापन", "ad-label"), ("广告", "ad-label"), ("Sponsorisé", "ad-label"),
    ("Fot. PAP/Leszek Szymański", "caption"), ("图片来源：视觉中国", "caption"),
    ("Фото: РИА Новости", "caption"), ("Foto: Reuters", "caption"),
    ("Crédito: Divulgação", "caption"), ("Źródło: PAP", "caption"),
    ("Leia também: Governo anuncia novo pacote", "also-read"), ("Lees ook", "also-read"),
    ("Читайте также: Цены на бензин выросли", "also-read"), ("यह भी पढ़ें", "also-read"),
    ("相关阅读：新政策发布", "also-read"), ("Noticias relacionadas", "also-read"),
    ("Mais lidas", "related"), ("Meest gelezen", "related"), ("Последние новости", "related"),
    ("热门文章", "related"), ("Главная", "navigation"), ("首页", "navigation"),
    ("Listen", "navigation"), ("Compartilhar", "share-bar"), ("Поделиться", "share-bar"),
    ("分享到", "share-bar"), ("Share Tweet Pin Email", "share-bar"),
    ("Print this page", "share-bar"), ("Partager cet article", "share-bar"),
    ("Commentaires", "share-bar"), ("Komentarze", "share-bar"), ("Комментарии", "share-bar"),
])
def test_noise_lines_in_the_other_languages_of_news_sites(line, reason):
    assert rules.noise_reason(line) == reason


@pytest.mark.parametrize("line", [
    "O governo assine o decreto ainda nesta semana, segundo o ministro.",
    "Фото сделаны в прошлом году во время визита делегации в Москву.",
    "De advertentie-inkomsten daalden vorig jaar met een derde, zei het bedrijf.",
    "Het artikel gaat over de verkiezingen van volgend jaar in Nederland.",
    "La publicidade do governo custou milhões aos contribuintes.",
    "Она сказала, что подписка на журнал стоила слишком дорого.",
    "Dit artikel verscheen eerder in de krant.", "Cette page a été vue mille fois.",
])
def test_sentences_with_those_words_stay(line):
    assert rules.noise_reason(line) is None


@pytest.mark.parametrize("line", [
    "Enter your email", "Gib deine E-Mail-Adresse ein", "Geben Sie Ihre E-Mail ein",
    "Introduce tu correo", "Digite seu e-mail", "Insira o seu email",
    "Inserisci la tua email", "Saisissez votre adresse", "Entrez votre e-mail",
    "Indiquez votre adresse", "Vul je e-mailadres in", "Wpisz e-mail", "Podaj adres e-mail",
    "Введите email", "Укажите адрес почты",
])
def test_a_forms_prompt_for_the_readers_address_on_pages_only(line):
    for variant in (line, line.upper()):
        assert rules.EMAIL_PROMPT.search(variant), variant
        assert rules.noise_reason(variant) == "promo"
        assert rules.noise_reason(variant, page=False) is None
    assert rules.noise_reason("Geben Sie nicht auf, sagte die Trainerin den Spielern.") is None


@pytest.mark.parametrize("line", [
    "Use the app to pay for parking, the council said.",
    "Apple pulled the game from the App Store last week after a complaint.",
    "The film is available to rent on Google Play and YouTube.",
    "Lady Bird is currently streaming on Amazon Prime and available on Google Play.",
    "Get ready for a long night: the count could take until the morning.",
    "Die App wurde im vergangenen Jahr eine Million Mal heruntergeladen.",
    "Open data helps cities plan their bus routes, the study found.",
    "He paid with the app.", "The data was stored on the app.",
    "The update is rolling out to iOS and Android users this week.",
    "News on the go is what readers want, the survey found.",
    "Officials urged residents to enable emergency alerts on their phones.",
    "Get ready: alerts were issued for three counties.",
    "The app is free, the company said.", "Scan the horizon and you will see the island.",
    "Karte der Stadt zeigt die neuen Radwege im Zentrum.",
    "Pool photos from the summit showed the leaders smiling.",
    "Express photos of the crash spread quickly online.", "PA images showed the queen smiling.",
    "AP photo editors chose the image.", "Photo... of what?", "PA",
    "The app: a review of the new banking software", "The new app: what changes for users",
    "Use the app for free, the council said.",
    "Read the news carefully before you share it on social media, experts say.",
])
def test_stories_about_apps_and_stores_stay(line):
    assert rules.noise_reason(line) is None


def test_the_sites_app_offered_is_a_page_rule():
    for line in ("Get the BBC News app", "Available on the App Store"):
        assert rules.noise_reason(line) == "promo"
        assert rules.noise_reason(line, page=False) is None


@pytest.mark.parametrize("line, reason", [
    ("Paid post", "ad-label"), ("Partner content", "ad-label"), ("AdChoices", "ad-label"),
    ("Ads by Google", "ad-label"), ("Promoted by Taboola", "ad-label"),
    ("Presented by Acme", "ad-label"), ("Brought to you by Acme", "ad-label"),
    ("Contenu sponsorisé", "ad-label"), ("Contenido patrocinado", "ad-label"),
    ("Contenuto sponsorizzato", "ad-label"), ("Conteúdo patrocinado", "ad-label"),
    ("Artículo patrocinado", "ad-label"), ("Advertisement loading...", "ad-label"),
    ("Why am I seeing this ad?", "ad-label"), ("Remove ads", "ad-label"),
    ("Go ad-free", "ad-label"), ("Enjoy an ad-free experience", "ad-label"),
    ("Werbefrei lesen", "ad-label"), ("Advertise with us", "ad-label"),
    ("Around the web", "ad-label"), ("From our partners", "ad-label"),
    ("Scroll to continue with content", "ad-label"),
    ("Artikel wird nach der Anzeige fortgesetzt", "ad-label"),
    ("El artículo continúa después de la publicidad", "ad-label"),
    ("Imagen: EFE", "caption"), ("Bildquelle: Pixabay", "caption"),
    ("Titelbild: Shutterstock", "caption"), ("Crédits : Jean Dupont", "caption"),
    ("Fotografía: Juan Pérez", "caption"), ("Karte: OpenStreetMap", "caption"),
    ("फोटो साभार: पीटीआई", "caption"), ("图/新华社", "caption"),
    ("Credit...Jane Doe for The New York Times", "caption"),
])
def test_ad_chrome_and_credits_news_sites_print(line, reason):
    assert rules.noise_reason(line) == reason
    assert rules.noise_reason(line.upper()) == reason


@pytest.mark.parametrize("line", [
    "REUTERS/John Smith", "AFP/Jane Doe", "Image used for representational purposes only",
    "Image for representation", "Screenshot: Twitter", "Courtesy of the artist",
    "Photo courtesy of NASA", "Supplied", "Archivfoto", "Image d'archives", "Foto di archivio",
    "Archiefbeeld", "Фото из архива", "फाइल फोटो", "资料图", "(Getty)", "Getty Images",
    "Shutterstock", "Unsplash", "(AP)", "Handout photo", "Pool photo",
    "Photos courtesy of the family", "PTI Photo", "ANI Photo", "Express photo by Amit Mehra",
    "AP Photo/Jane Doe", "File Photo/PTI", "PA Media", "PA Wire", "Xinhua",
])
def test_picture_labels_on_pages_only(line):
    assert rules.noise_reason(line) == "caption"
    assert rules.noise_reason(line, page=False) is None




@pytest.mark.parametrize("line", SIGN_UP_BOXES)
def test_sign_up_boxes_and_paywalls_on_pages_only(line):
    assert rules.noise_reason(line) == "promo"
    assert rules.noise_reason(line, page=False) is None


def test_support_independent_journalism_is_a_promo():
    assert rules.noise_reason("Support independent journalism") == "promo"


@pytest.mark.parametrize("line", [
    "Already a member of the party since 1990, he ran for mayor.",
    "Thanks for subscribing to the idea, the minister joked.",
    "Subscribers only had to wait a week for the new season.",
    "Register to vote by Friday, officials urged.",
    "Merci pour votre inscription au concours, a déclaré le maire.",
    "Courtesy calls were made to all the families involved, police said.",
    "AP/NORC poll finds most Americans back the plan",
    "Around the web, readers reacted with anger to the decision.",
    "We value your privacy, the bank wrote in its letter to customers.",
    "Mehr anzeigen",  # "show more": a button, but no ad
])
def test_sentences_and_buttons_like_them_are_no_ads_or_walls(line):
    assert rules.noise_reason(line) not in ("promo", "ad-label", "caption")


@pytest.mark.parametrize("line, reason", [
    ("Join us on Telegram", "promo"), ("Like us on Facebook", "promo"),
    ("Rejoignez-nous sur WhatsApp", "promo"), ("Únete a nuestro canal de WhatsApp", "promo"),
    ("Obserwuj nas na Facebooku", "promo"), ("Читайте нас в Telegram", "promo"),
    ("Add us as a preferred source on Google", "promo"), ("Hier geht es zur App", "promo"),
    ("扫码下载", "promo"), ("下载客户端", "promo"),
    ("You're subscribed", "promo"), ("Unlock this article", "promo"),
    ("Invalid email address", "promo"),
    ("Hear this story", "navigation"), ("Listen to this article 4 min", "navigation"),
    ("Escucha esta noticia", "navigation"), ("Ouça esta notícia", "navigation"),
    ("Слушать статью", "navigation"), ("Alle Bilder anzeigen", "navigation"),
    ("Fotostrecke ansehen", "navigation"),
    ("Graphic: BBC", "caption"), ("Infografik: dpa", "caption"), ("Fuente: EFE", "caption"),
    ("Screengrab", "caption"), ("Screen grab from video", "caption"), ("Video grab", "caption"),
    ("1 of 12", "caption"), ("Illustration", "caption"), ("Photo DR", "caption"),
    ("Imagen ilustrativa", "caption"), ("Imagem ilustrativa", "caption"),
    ("Foto di repertorio", "caption"), ("Фото из открытых источников", "caption"),
    ("新华社记者 李明 摄", "caption"), ("李明 摄", "caption"),
    ("RELATED STORY: Markets rally as inflation cools", "also-read"),
    ("Mit der Anmeldung akzeptieren Sie unsere Datenschutzbestimmungen.", "promo"),
    ("En vous inscrivant, vous acceptez nos conditions d'utilisation.", "promo"),
    ("Al suscribirte aceptas nuestra política de privacidad.", "promo"),
    ("Iscrivendoti accetti l'informativa sulla privacy.", "promo"),
    ("Ao se inscrever, você concorda com nossa política de privacidade.", "promo"),
    ("Zapisując się akceptujesz regulamin serwisu.", "promo"),
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service "
     "apply.", "promo"),
    ("Become a member today and get unlimited access to our journalism.", "promo"),
])
def test_follow_listen_gallery_and_credit_lines_news_sites_print(line, reason):
    assert rules.noise_reason(line) == reason
    assert rules.noise_reason(line.upper()) == reason


@pytest.mark.parametrize("line", [
    "我们一起去拍摄", "The screengrab shows the moment the bridge fell.",
    "He won 1 of 12 races this season.", "Illustration is her first love, she says.",
    "Fuente de ingresos: el turismo creció un 5% el año pasado.",
    "Graphic designers say the logo is too busy.",
    "Video grabs of the attack spread online within minutes.",
    "Слушать музыку в машине стало опаснее",
    "Join us on a journey through the Alps, the brochure says.",
    "Únete a la protesta frente al Canal de Isabel II",
    "Voters like us want a new channel for complaints.", "Join us at the canal for the festival.",
    "Hear this story from the people who lived it, the director said.",
    "Infografik zeigt: Die Mieten steigen weiter",
    "You're subscribed to the wrong plan, the bank told him.",
    "Mit der Anmeldung beim Amt stimmen die Bürger der Speicherung ihrer Daten zu.",
    "En vous inscrivant au concours, vous acceptez le règlement, précise la mairie.",
    "Al registrarse en el padrón, los vecinos aceptan las normas municipales.",
    "Members get unlimited access to the gym and the pool.",
])
def test_sentences_that_start_like_those_lines_stay(line):
    assert rules.noise_reason(line) is None
