"""Calls to the reader: follow the site on an app, subscribe, sign up, download, donate.

Between and after the paragraphs of a news page stand short lines that speak to the reader
rather than about the story: "Follow us on Telegram", "Jetzt Newsletter abonnieren", "Baixe o
app", "Подпишитесь на нашу рассылку". Each pattern here names such a line wherever it stands
(``rules.py`` gives them their reason), with the longest line it is tried on and its hints: the
lower-case words of which every match holds one (``rules.Rule.hints``). The English, German, French,
Spanish and Polish forms were seen on the dev set's pages; the Portuguese, Italian, Dutch,
Russian, Hindi and Chinese ones, the app offers (``APP_PROMO``), the sign-up boxes and
paywalls (``ACCOUNT_WALL``) and the alerts (``NOTIFICATIONS``) are the standard forms of news
sites, written from what they print, not from any page of the development sets.

Hindi words end in vowel signs that ``\\b`` does not count as letters, so Hindi forms are
written without word boundaries.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# --- app-updates ------------------------------------------------------------------------------
# Calls to follow the site on a messenger or news app, as Indian and other news sites print
# them between paragraphs: "Click here to get updates on WhatsApp", "Follow us on Telegram for
# the latest updates", "Join our WhatsApp channel", "Stay updated on Google News".
_FOLLOW_US = (
    r"follow\s+us|join\s+our|s[íi]guenos|[úu]nete\s+a\s+nuestr[oa]|siga-nos|sigam-nos|"
    r"suivez-nous|rejoignez-nous|rejoignez\s+notre|seguici|volg\s+ons|obserwuj\s+nas|"
    r"do[łl][ąa]cz\s+do\s+nas|folgen\s+sie\s+uns|folge\s+uns|подписывайтесь|подпишитесь|"
    r"присоединяйтесь|читайте\s+нас|следите\s+за\s+нами"
)
_MESSENGERS = (r"whatsapp|telegram|google\s+news|channels?|kanal|canal|kana[łl]\w*|телеграм\w*|"
               r"дзен|канал\w*")
# Social networks: following the site there is a page rule (``SIGN_UP``), since an extractor's
# text may say "follow us on Twitter" in a sentence of its own.
# (with the endings of Polish and Russian cases: "na Facebooku", "во ВКонтакте")
_NETWORKS = (r"instagram\w*|facebook\w*|twitter\w*|x|youtube\w*|tiktok\w*|threads|bluesky|vk|"
             r"вконтакте")
APP_UPDATES = re.compile(
    r"\b(click|tap)\s+here\b.{0,80}\b(updates?|whatsapp|telegram|apps?|channels?|"
    r"google\s+news|notifications?|alerts?)\b|"
    rf"\b({_FOLLOW_US})\b.{{0,60}}\b({_MESSENGERS})\b|"
    r"\b(whatsapp|telegram|google\s+news)\b.{0,40}\b(updates?|channels?|alerts?)\b|"
    # Google's "preferred sources": "Add us as a preferred source on Google".
    r"\bpreferred\s+source\b.{0,20}\bgoogle\b|"
    r"हमें\s+(फॉलो|फ़ॉलो)|(फॉलो|फ़ॉलो)\s+करें|(व्हाट्सएप|टेलीग्राम)\s+चैनल|"
    r"关注我们|關注我們|关注.{0,10}(公众号|微信|微博)",
    _I,
)
APP_UPDATES_MAX_CHARS = 200
# The first words of _FOLLOW_US ("folgen sie", not "folg", which "Erfolg" holds).
FOLLOW_US_HINTS = ("follow", "join", "like us", "sigu", "sígu", "únete", "unete", "siga", "sigam",
                   "suivez", "rejoignez", "seguici", "volg", "obserwuj", "dołącz", "dolacz",
                   "folgen sie", "folge uns", "подпис", "подпиш", "присоедин", "читайте нас",
                   "следите")
APP_UPDATES_HINTS = ("click", "tap", "whatsapp", "telegram", "google", *FOLLOW_US_HINTS, "फॉलो",
                     "फ़ॉलो", "व्हाट्सएप", "टेलीग्राम", "关注", "關注")

# --- promo ------------------------------------------------------------------------------------
# Calls to subscribe, donate or follow, short lines between or after articles on the dev set:
# "Receive our monthly newsletter", "Jetzt Newsletter abonnieren", "Zapraszamy do subskrypcji",
# "Follow us on Twitter", "Jede kleine Spende hilft".
PROMO = re.compile(
    r"newsletter|nieuwsbrief|\bsubscribe\b|\bsubscription\b|abonnieren|\babonnez\b|"
    r"suscr[ií]bete|subskrypc|\bfollow\s+(us|\S+\s+on)\b|folgen\s+sie\s+uns|\bspende[n]?\b|"
    r"\bdonate\b|support\s+(us|our\s+journalism|independent\s+journalism)|"
    r"unterstützen\s+sie\s+(uns|unsere)|"
    r"sign\s+up\s+(for|to)|jetzt\s+(anmelden|registrieren|testen|kaufen|bestellen)|"
    r"^\W*(assine|inscreva-se|iscriviti|abonneer|zapisz\s+si[ęe]|zasubskrybuj|"
    r"inscr[íi]bete|reg[íi]strate|cadastre-se|subskrybuj)\b|\babbonati\b|"
    r"подпишитесь|подписывайтесь|рассылк|поддержите\s+(нас|редакцию)|"
    r"सब्सक्राइब|न्यूज़लेटर|न्यूजलेटर|订阅|訂閱",
    _I,
)
PROMO_MAX_CHARS = 160
PROMO_HINTS = (
    "newsletter", "subscri", "abonn", "suscr", "subskrypc", "follow", "folgen", "spende",
    "donate", "support", "unterstützen", "sign", "jetzt", "nieuwsbrief", "assine", "inscr",
    "iscriv", "abbon", "zapisz", "zasubskryb", "subskryb", "registr", "regístr", "cadastre",
    "подпиш", "подписыв", "рассылк", "поддержите", "सब्सक्राइब", "न्यूज़लेटर", "न्यूजलेटर", "订阅", "訂閱")

# --- sign-up and consent forms -----------------------------------------------------------------
# What newsletter boxes, comment forms and paywalls say to the reader, prose-like enough to
# pass the layout steps (dev set, text mode: "Receive new posts directly delivered to your
# inbox", "Deine E-Mail-Adresse wird nicht veröffentlicht", "Ich akzeptiere die
# Datenschutzbestimmungen", "Please log in here to leave a comment", "Tous nos derniers podcasts
# dans votre boîte mail", "We rely on your support", "Wesprzyj nas"). An article rarely
# addresses its reader's inbox, account or consent; kept to lines short enough for a form.
_DOWNLOAD = (r"download|baixe|baixar|descarregue|descarga|descargue|descargar|"
             r"t[ée]l[ée]charge[zr]?|"
             r"scarica|pobierz|lade|laden\s+sie|скачайте|скачать|установите|installeer|"
             r"download\s+de")
_APP = (r"apps?|aplicativo|aplicaci[óo]n|application|appli|applicazione|aplikacj\w*|"
        r"приложени\w*")
_ENTER = (r"enter|gib|geben\s+sie|introduce|introduzca|digite|insira|inserisci|saisissez|"
          r"entrez|indiquez|vul|wpisz|podaj|введите|укажите")
_EMAIL = r"e-?mail(-?adres\w*)?|correo|adresse|адрес|почт\w*"
SIGN_UP = re.compile(
    r"\binbox\b|e-?mail[-\s]adresse\s+wird\s+nicht|"
    r"email\s+address\s+will\s+not|bo[iî]te\s+(mail|aux\s+lettres)|lettres?\s+d'information|"
    r"datenschutz(bestimmungen|erkl[äa]rung)\b.{0,60}\b(einverstanden|akzeptiere|zustimm)|"
    r"\b(ich\s+akzeptiere|i\s+agree\s+to)\b|checkbox|"
    r"\b(log\s+in|sign\s+in|anmelden|registrieren)\b.{0,40}\b(comment|kommentar)|"
    r"\b(comment|kommentar)\w*\b.{0,40}\b(log\s+in|sign\s+in|anmelden|registrieren)\b|"
    r"\b(rely|relies|depends?)\s+on\s+(your|readers'?)\s+support|\bunterstütze\s+\S+|wesprzyj|"
    r"\bbezahlschranke\b|\bpaywall\b|"
    r"\b(follow|folge|folgen)\b.{0,40}\b(on|auf)\s+(twitter|facebook|instagram)|"
    # The small print under a sign-up button: "By clicking Sign Up, you agree to ...".
    r"\bby\s+(clicking|tapping|signing\s+up|subscribing|registering|creating\s+an\s+account|"
    r"continuing)\b.{0,60}\b(you|i)\s+(agree|accept|consent|confirm|acknowledge)|"
    # The same small print in other languages, consenting to the site's terms or privacy
    # policy ("Mit der Anmeldung akzeptieren Sie unsere Datenschutzbestimmungen").
    r"\bmit\s+(der|ihrer|deiner)\s+(anmeldung|registrierung)\b.{0,60}"
    r"\b(datenschutz\w*|nutzungsbedingungen|agb)\b|"
    r"\ben\s+vous\s+(inscrivant|abonnant)\b.{0,30}\bvous\s+acceptez\s+(nos|les|notre|la)\s+"
    r"(conditions|cgu|politique)|"
    r"\bal\s+(suscribirte|suscribirse|registrarte|registrarse)\b.{0,30}\bacepta\w*\s+"
    r"(nuestr[ao]s?|la|las|los)\s+(pol[íi]tica|t[ée]rminos|condiciones)|"
    r"\b(iscrivendoti|registrandoti)\b.{0,30}\baccetti\s+(la|le|i|l['’])\s*"
    r"(privacy|informativa|termini|condizioni)|"
    r"\bao\s+(se\s+inscrever|se\s+cadastrar|assinar)\b.{0,30}\bconcorda\s+com\s+"
    r"(nossa|nossos|a|os|as)\s+(pol[íi]tica|termos)|"
    r"\b(zapisuj[ąa]c|rejestruj[ąa]c)\s+si[ęe]\b.{0,30}\bakceptuj\w*\s+(regulamin|polityk)|"
    r"\bprotected\s+by\s+recaptcha\b|"
    r"\bunsubscribe\b.{0,40}\b(at\s+any\s+time|anytime)\b|^\W*unsubscribe\b",
    _I,
)
SIGN_UP_MAX_CHARS = 320
SIGN_UP_HINTS = (
    "inbox", "adresse", "address", "boite", "boîte", "lettre", "datenschutz", "akzeptiere",
    "agree", "checkbox", "comment", "kommentar", "support", "unterstütze", "wesprzyj",
    "bezahlschranke", "paywall", "twitter", "facebook", "instagram", "clicking", "tapping",
    "signing", "subscribing", "unsubscri", "registering", "creating", "continuing", "anmeldung",
    "registrierung", "inscrivant", "abonnant", "suscrib", "registrar", "iscrivendoti",
    "registrandoti", "inscrever", "cadastrar", "assinar", "zapisuj", "rejestruj", "recaptcha")

# The site's app offered for download: "Download our app", "Baixe o aplicativo", "Скачайте
# приложение", "ऐप डाउनलोड करें", "下载客户端". Apart from SIGN_UP, so that each runs only on
# lines with its own hints.
APP_DOWNLOAD = re.compile(
    rf"\b({_DOWNLOAD})\b.{{0,40}}\b({_APP})\b|"
    r"ऐप\s+(डाउनलोड|इंस्टॉल)|डाउनलोड\s+करें|下载.{0,6}(客户端|app|应用)|下載.{0,6}(app|應用)",
    _I,
)
APP_DOWNLOAD_HINTS = ("download", "baix", "descarr", "descarg", "télécharg", "telecharg",
                      "scarica", "pobierz", "lade", "laden", "скача", "установ", "installeer",
                      "ऐप", "डाउनलोड", "下载", "下載")

# Following the site on a social network: "Síguenos en Twitter", "Suivez-nous sur Facebook",
# "Подписывайтесь на нас в ВКонтакте".
# On a page only, also "Join us on Telegram", "Like us on Facebook": as a line rule, which
# runs on extracted text too, "join us" or "like us" before "channel" or "canal" could be prose.
FOLLOW_NETWORK = re.compile(
    rf"\b({_FOLLOW_US}|join\s+us|like\s+us)\b.{{0,40}}\b({_NETWORKS}|whatsapp|telegram)\b", _I)

# A form's prompt for the reader's address: "Enter your email", "Gib deine E-Mail-Adresse
# ein", "Vul je e-mailadres in". Anchored at the line's start, so it fails fast on other lines
# and needs no hints (its verbs, "gib", "geben", "enter", are in many German and English lines).
EMAIL_PROMPT = re.compile(rf"^\W*({_ENTER})\b.{{0,30}}\b({_EMAIL})\b", _I)

# The site's app offered in other words than a download: "Get the BBC News app", "Open in
# app", "Read this story in our app", "Available on the App Store and Google Play", "Jetzt in
# der App lesen", "Lire dans l'appli", "Abrir en la app", and the stores' button labels. An
# article names an app store in a sentence about it ("Apple pulled the game from the App
# Store", "The film is available to rent on Google Play"), so a store counts under a call that
# opens the line only, or as a button's whole line; and a call ends on the app ("Use the app
# to pay for parking" is a story's sentence).
_STORE = r"app\s*store|google\s+play|play\s+store|app\s*gallery"
_APP_CALL = (r"get|try|open|read|use|install|continue|view|switch\s+to|discover|experience|"
             r"holen\s+sie\s+sich|hol\s+dir|öffnen|lesen\s+sie|entdecken\s+sie|"
             r"ouvrir|lire|continuer|découvrez|abrir|leer|continuar|descubre|descobre|"
             r"apri|leggi|continua|lees|otwórz|czytaj|открыть|читайте|откройте")
APP_PROMO = re.compile(
    rf"^\W*({_APP_CALL})\b.{{0,50}}\b({_APP})(\s+(for\s+free|free|now|today|"
    r"for\s+(android|ios|iphone)(\s+(and|&)\s+(android|ios|iphone))?)|"
    r"\s+and\s+never\s+miss\b.{0,30})?\W*$|"
    # "Now on the app: live updates" ("The new app: what changes" may be a story's heading).
    r"^\W*(now\s+)?on\s+the\s+app\s*:|"
    rf"^\W*((now|also|jetzt|auch|maintenant|aussi|ahora|también|ora|agora|nu|teraz)\s+)?"
    rf"(available|get\s+it|download\s+it|find\s+us|verfügbar|erhältlich|disponible|"
    rf"disponibile|dispon[íi]vel|beschikbaar|dostępn\w*|доступн\w*)\b.{{0,30}}\b({_STORE})\b|"
    rf"\b({_STORE})\b\W{{0,3}}(and|&|or|und|oder|et|ou|y|o|e|i|en|и)\W{{0,3}}"
    rf"((bei|on|sur|en|in|im|w|на)\s+)?\b({_STORE})\b|"
    rf"^\W*(download\s+on\s+the\s+|get\s+it\s+on\s+|jetzt\s+bei\s+|disponible\s+sur\s+)?"
    rf"({_STORE})\W*$|"
    r"\b(in|im|dans|en|nella|na|in\s+de|w)\s+(der\s+|unserer\s+|l['’]|la\s+|nostra\s+|"
    r"nossa\s+|de\s+|naszej\s+)?(app|appli|applicazione|aplicaci[óo]n|aplikacji)\b\W{0,3}"
    r"(lesen|öffnen|weiterlesen|lire|ouvrir|leer|abrir|leggere|aprire|ler|lezen|openen|"
    r"czytaj)\b|"
    r"\b(app|appli)\s+(herunterladen|öffnen|installieren|holen|laden|t[ée]l[ée]charger|"
    r"descargar|scaricare|baixar|downloaden)\b|"
    # The news "with our app", "in unserer App", "sur notre application": the line ends on
    # the app, with no full stop (a story's sentence has one).
    rf"\b(with|in|on|via|mit|sur|dans|en|con|nella|na|w)\s+(the|our|this|der|unsere[rnm]?|"
    rf"notre|l['’]|nuestra|la\s+nostra|la|nossa|onze|de)\s*([\w'-]+\s+){{0,3}}({_APP})\s*!?\s*$|"
    r"^\W*(mit\s+(der|unserer)|jetzt\s+(die|unsere))\s+(neuen?\s+)?([\w-]+\s+)?app\b[^.]{0,40}$|"
    # "Available on iOS and Android", "Unsere App für iPhone und Android".
    rf"^\W*(((our|unsere|notre|nuestra|la\s+nostra|nossa)\s+)?({_APP})\s+)?(get\s+it\s+)?"
    r"((now|also|jetzt|auch|maintenant|aussi|ahora|también|ora|agora|nu|teraz)\s+)?"
    r"((available|verfügbar|erhältlich|disponible|disponibile|dispon[íi]vel|beschikbaar|"
    r"dostępn\w*|доступн\w*)\s+)?((free|for\s+free|kostenlos|gratuitement|gratis|"
    r"gratuitamente|za\s+darmo)\s+)?(on|for|für|auf|pour|sur|en|para|per|voor|op|na|dla|на|для)\s+"
    r"(\w+\s+){0,2}(ios|iphone|ipad|android)\s*(and|&|und|et|y|e|i|en|или|и|/|,)\s*"
    r"(ios|iphone|ipad|android)\W*$|"
    r"^\W*((get|read|follow|catch)\s+)?(all\s+the\s+|alle\s+|the\s+latest\s+)?"
    r"(news|nachrichten|actualit[ée]s?|noticias|notizie)\b.{0,30}"
    r"\b(in\s+your\s+pocket|on\s+the\s+go|unterwegs|en\s+tu\s+bolsillo|dans\s+votre\s+poche|"
    r"in\s+tasca|aufs\s+handy|on\s+your\s+(phone|mobile)|sur\s+votre\s+(mobile|t[ée]l[ée]phone)|"
    r"en\s+tu\s+m[óo]vil)\W*$|"
    # "Our app is now available", "Try the new X app for free", "Best experienced in the app".
    r"^\W*(our|the|unsere|die|notre|l['’]|nuestra|la)\s*(new\s+|neue\s+)?([\w-]+\s+)?"
    r"(app|appli)\s+(is\s+(now\s+)?(available|here|free)|ist\s+(jetzt\s+)?(da|verfügbar|"
    r"kostenlos)|est\s+disponible)\W*$|"
    r"^\W*(try|download|get)\b.{0,40}\bapp\s+(for\s+free|free|now|today)\W*$|"
    r"\b(best|better)\s+(experience|experienced)\b.{0,30}\bapp\b[^.]{0,20}$|"
    r"^\W*((hier\s+geht(['’]s|\s+es)\s+)?zur\s+app|scan\s+(to\s+download|the\s+qr\s+code)\b.*)"
    r"\W*$|ऐप\s+(पर|में)\s+(पढ़ें|देखें)|打开\s*app|在\s*app\s*(中|里)?\s*(阅读|查看|打开)|"
    r"扫码(下载|阅读|关注)|下载\s*(客户端|app)",
    _I,
)
APP_PROMO_MAX_CHARS = 160
APP_PROMO_HINTS = ("app", "play", "store", "gallery", "aplica", "aplikac", "приложен", "ios",
                   "iphone", "ipad", "android", "news", "nachrichten", "actualit", "noticias",
                   "notizie", "scan", "ऐप", "扫码", "客户端")

# What a sign-up box or a paywall says around its form, as news sites print it: the button
# alone ("Sign up now", "Zaloguj się"), its thanks ("Thank you for subscribing!", "Vielen
# Dank für Ihre Anmeldung!"), its errors, the subscriber's way in ("Already a subscriber?",
# "Déjà abonné ?", "Уже подписаны?": asked, not told, as a story would tell it) and the wall
# ("For subscribers only", "Réservé aux abonnés", "Log in to continue reading"). Whole lines,
# as a story's sentence may thank or name subscribers, but for the phrases no story says: a
# form's error, the question to subscribers, reading on after logging in, "unlimited access
# to our journalism".
ACCOUNT_WALL = re.compile(
    r"^\W*(sign\s+(me\s+)?up|join|register|subscribe|log\s*in|sign\s+in|zaloguj\s+si[ęe]|"
    r"войти|anmelden|einloggen|se\s+connecter|inicia\s+sesi[óo]n|accedi|entrar|inloggen)"
    r"(\s+(now|today|for\s+free|here|jetzt|hier))?\W*$|"
    r"^\W*thanks?(\s+you)?\s+for\s+(signing\s+up|subscribing|registering|your\s+subscription)"
    r"\W*$|"
    r"^\W*you['’]re\s+(all\s+set|(now\s+)?(subscribed|signed\s+up|registered))\W*$|"
    r"\bplease\s+enter\s+a\s+valid\s+e-?mail|^\W*(invalid|ung[üu]ltige)\s+e-?mail(-?adresse|"
    r"\s+address)?\W*$|^\W*unlock\s+(this|the(\s+full)?)\s+(article|story)\W*$|"
    r"\bsomething\s+went\s+wrong\b.{0,20}\btry\s+again\b|"
    r"\b(already\s+(a\s+(subscriber|member)|have\s+an\s+account|registered)|"
    r"bereits\s+(abonnent(in)?|registriert|kunde)|sie\s+haben\s+bereits\s+ein\s+konto|"
    r"d[ée]j[àa]\s+(abonn[ée]e?|inscrit)|ya\s+eres\s+(suscriptor|miembro)|"
    r"sei\s+gi[àa]\s+abbonato|j[áa]\s+[ée]\s+assinante|al\s+abonnee|"
    r"уже\s+(подписаны|есть\s+аккаунт))\s*\?|"
    r"^\W*(create\s+(a\s+|your\s+)?(free\s+)?account|register\s+for\s+free|"
    r"jetzt\s+kostenlos\s+registrieren|cr[ée]er\s+(un|mon)\s+compte|start\s+your\s+free\s+trial|"
    r"try\s+\d+\s+(months?|weeks?)\s+for\b.*|(get\s+)?unlimited\s+(digital\s+)?access\b.*)\W*$|"
    r"\b(log\s*in|sign\s+in|subscribe|register)\s+to\s+(continue|keep)\s+reading\b|"
    r"\b(get|enjoy|with|for)\s+unlimited\s+(digital\s+)?access\s+to\s+(all\s+)?(of\s+)?(our|the)\s+"
    r"(journalism|reporting|stories|articles|content|site|website)\b|"
    r"^\W*((this\s+(article|story|content)\s+is\s+)?(only\s+)?(for|available\s+to)\s+subscribers"
    r"(\s+only)?|subscribers\s+only|exclusive\s+(for|to)\s+subscribers|"
    r"(nur|exklusiv)\s+f[üu]r\s+abonnent(en|innen)|(cet\s+article\s+est\s+)?r[ée]serv[ée]e?\s+aux\s+"
    r"abonn[ée]s|(contenido\s+)?exclusivo\s+para\s+(suscriptores|assinantes)|"
    r"(conte[úu]do\s+)?exclusivo\s+para\s+assinantes|(contenuto\s+)?riservato\s+agli\s+abbonati|"
    r"(tre[śs][ćc]\s+)?dost[ęe]pna\s+dla\s+subskrybent[óo]w|alleen\s+voor\s+abonnees)\W*$|"
    r"^\W*(vielen\s+dank|merci|gracias|grazie|obrigad[oa]|bedankt|dzi[ęe]kujemy|спасибо)\s+"
    r"(f[üu]r\s+ihre\s+(anmeldung|registrierung)|pour\s+votre\s+(inscription|abonnement)|"
    r"por\s+(suscribirte|registrarte|se\s+inscrever|assinar)|per\s+(l['’]iscrizione|esserti\s+"
    r"iscritto)|voor\s+je\s+aanmelding|za\s+(zapisanie|subskrypcj\w*)(\s+si[ęe])?|"
    r"за\s+подписку)\W*$",
    _I,
)
ACCOUNT_WALL_MAX_CHARS = 100
ACCOUNT_WALL_HINTS = (
    "sign", "join", "regist", "subscri", "log", "zaloguj", "войти", "anmelden", "einloggen",
    "connect", "sesi", "accedi", "entrar", "inloggen", "thank", "all set", "valid", "wrong",
    "already", "bereits", "konto", "déjà", "deja", "eres", "già", "gia", "assinante", "abonn",
    "уже", "account", "compte", "trial", "month", "week", "unlimited", "exclusiv", "reserv",
    "réserv", "riservat", "dostępn", "dostepn", "dank", "merci", "gracias", "grazie", "obrigad",
    "bedankt", "dzięk", "dziek", "спасибо", "invalid", "ungültig", "ungultig", "unlock")

# The site's alerts offered (its app's, or the browser's): "Turn on notifications", "Get
# notifications on your phone", "Never miss a story: enable notifications", "Activez les
# notifications", "Recibe alertas".
# The call opens the line (or follows a colon): a story says who "urged residents to enable
# alerts".
NOTIFICATIONS = re.compile(
    r"(^|:)\W*(turn\s+on|enable|allow|activate|activez|activer|active|activa|activar|"
    r"aktivieren(\s+sie)?|aktiviere|attiva|ative|ativar|włącz|включите|receive|recevez|"
    r"recibe|recibir|ricevi|receba|erhalten\s+sie|otrzymuj|"
    # "Get" only with the alerts as its object: "Get ready: alerts were issued" is a story's.
    r"get(?=\s+(breaking\s+(news\s+)?|news\s+|push\s+|instant\s+|real-time\s+|the\s+latest\s+)?"
    r"(notifications?|alerts?)\b))\b.{0,30}\b(notifications?|alerts?|"
    r"alertes?|alertas?|avvisi|benachrichtigungen|mitteilungen|notificaciones|notifiche|"
    r"notifica[çc][õo]es|powiadomienia|уведомления)\b|"
    # Alerts named by their kind: "Breaking news alerts", "Push-Mitteilungen", "Notificações push".
    r"\bbreaking\s+news\s+(alerts?|notifications?)\b|push-?(mitteilung|nachricht|benachrichtigung|"
    r"melding)\w*|notifica[çc](ões|ao|ão)\s+push",
    _I,
)
NOTIFICATIONS_MAX_CHARS = 320  # SIGN_UP's bound, where the alerts named by kind were before
NOTIFICATIONS_HINTS = ("notif", "alert", "benachrichtig", "mitteilung", "avvisi", "powiadom",
                       "уведомл", "push")
