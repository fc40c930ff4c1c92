"""Noise-line rules: patterns that name a line as noise wherever it stands on the page.

Each rule is a compiled pattern with the reason it gives. They are applied to one stripped
line at a time, on text pages and on the text an HTML extractor returns, so each must be safe
on its own: it only fires on lines that are noise whatever their neighbours are. Decisions that
need the page's layout (position, runs of prose) live in ``text/``; the lines page controls
leave (buttons, players, form labels) in ``controls.py``.

Patterns were written from the two sample pages in ``seeds/`` and generalised to the other
phrasings seen on the dev set's inscriptis renderings (news, blogs and company pages in German,
English, French, Polish, Spanish and more); each says on what data it was chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from harvester.clean import controls
from harvester.clean.calls import (  # noqa: F401
    ACCOUNT_WALL,
    ACCOUNT_WALL_HINTS,
    ACCOUNT_WALL_MAX_CHARS,
    APP_DOWNLOAD,
    APP_DOWNLOAD_HINTS,
    APP_PROMO,
    APP_PROMO_HINTS,
    APP_PROMO_MAX_CHARS,
    APP_UPDATES,
    APP_UPDATES_HINTS,
    APP_UPDATES_MAX_CHARS,
    EMAIL_PROMPT,
    FOLLOW_NETWORK,
    FOLLOW_US_HINTS,
    NOTIFICATIONS,
    NOTIFICATIONS_HINTS,
    NOTIFICATIONS_MAX_CHARS,
    PROMO,
    PROMO_HINTS,
    PROMO_MAX_CHARS,
    SIGN_UP,
    SIGN_UP_HINTS,
    SIGN_UP_MAX_CHARS,
)

_I = re.IGNORECASE

# --- ad-label ---------------------------------------------------------------------------------
# Ad slot labels: the seeds carry "advertisement"/"Advertisement" alone on a line; the dev
# set's pages add "Anzeige", "Werbung", "Publicité", "Publicidad", "Reklama", "Sponsored" and
# the "- scroll to continue" / "continue reading below" variants of US news sites; the
# Portuguese, Italian, Dutch, Russian, Hindi and Chinese labels are those languages' standard
# ones (not in the dev set). Only the whole line: "Advertisement" inside a sentence is prose.
AD_LABEL = re.compile(
    r"^[\s\-–—*·•|\[(]*(advertisements?|advertisment|advert|adverts|ads?|anzeigen?|werbung|"
    r"publicit[ée]s?|publicidad|pubblicit[àa]|reklam[ay]?|reclame|advertentie|annonce|"
    r"sponsored(\s+(content|links?|post|by\b.*))?|paid\s+(content|post|partnership)|"
    r"promoted(\s+(content|stories|by(\s+\S+){1,4}))?|"
    r"(presented|brought\s+to\s+you)\s+by(\s+\S+){0,4}|"
    r"partner\s+content|partnerinhalt|adchoices|ads\s+by\s+google|"
    # What the site prints around its ads: "Why am I seeing this ad?", "Go ad-free".
    r"why\s+am\s+i\s+seeing\s+this\s+ad\??|remove\s+ads|go\s+ad-?free|werbefrei(\s+lesen)?|"
    r"(enjoy\s+)?(an\s+)?ad-?free\s+(experience|reading|version)|advertise\s+with\s+\S+(\s+\S+)?|"
    r"around\s+the\s+web|from\s+(our\s+partners|the\s+web)|"
    r"gesponsert|sponsored\s+stories|an[úu]ncios?|publicidade|annuncio|patrocinado|"
    r"((contenu|contenido|contenuto|conte[úu]do|art[íi]culo|artikel|inhalt|article)\s+)?"
    r"(sponsoris[ée]e?|patrocinado|sponsorizzato|gesponsert)|"
    r"gesponsord|werbeanzeige|реклама|विज्ञापन|广告|廣告)"
    r"([\s\-–—:|·•]+(scroll|continue|story continues|article continues|read)\b.*)?"
    r"(\s+loading\W*)?"
    r"[\s\-–—*·•|\])]*$",
    _I,
)

# Ad slots written as a sentence: "Story continues below advertisement", "Article continues
# below this ad", "ADVERTISEMENT - CONTINUE READING BELOW", "Advertisement · Scroll to continue",
# "(Story continues below)", "Continue reading below" (US, Canadian, UK and Indian news sites),
# "Der Artikel geht nach der Anzeige weiter", "La suite après cette publicité", and the same
# forms news sites print in Portuguese, Dutch and Russian ("Continua após a publicidade",
# "Het artikel gaat verder onder de advertentie", "Продолжение после рекламы"). A short line of
# such words only, naming an ad or the text going on after it; any other word makes it prose.
_AD_SLOT_ANCHORS = (
    r"advertisements?|advertising|advert|adverts|ads?|sponsored|anzeigen?|werbung|publicit[ée]|"
    r"publicidad|pubblicit[àa]|reklam\w*|continues|continue|continued|continuing|scroll|"
    r"weiter|suite|poursuit|contin[úu]a|sigue|prosegue|dalej|dalsz\w*|an[úu]ncio|publicidade|"
    r"annuncio|advertentie|reclame|verder|segue|реклам\w*|продолж\w*"
)
_AD_SLOT_WORDS = (
    _AD_SLOT_ANCHORS + r"|story|stories|article|artikel|content|text|reading|read|below|after|"
    r"under|down|to|the|this|a|an|for|more|page|next|geht|nach|der|dem|unten|lesen|la|l|"
    r"apr[èe]s|cette|se|sous|article|leyendo|despu[ée]s|de|del|anuncio|el|leggere|dopo|il|"
    r"articolo|czytaj|pod|artyku[łl]\w*|ci[ąa]g|po|cz[ęe][śs][ćc]|tekstu|main|skip|feedback|"
    r"with|wird|fortgesetzt|art[íi]culo|"
    r"sie|a|o|ap[óo]s|depois|do|da|texto|mat[ée]ria|artigo|leia|abaixo|conte[úu]do|"
    r"het|gaat|na|onder|deze|lees|hieronder|sotto|continua|abajo|nota|noticia|ci|dessous|"
    r"статья|статьи|текст|после|ниже|читайте|далее|материала|материал"
)
AD_SLOT = re.compile(
    rf"^[\W_]*(?=.*\b({_AD_SLOT_ANCHORS})\b)(?:(?:{_AD_SLOT_WORDS})\b[\W_]*){{2,12}}$", _I)

# --- share-bar --------------------------------------------------------------------------------
# What is left of a row of share icons once the icons are gone: "||" in seed 000, "| |",
# "Share | Tweet | Email", "Facebook Twitter WhatsApp" on the dev set's news pages. A line made
# only of separators, or only of share/network words and separators.
_SHARE_WORDS = (
    r"share|shares|shared|tweet|email|e-mail|mail|print|drucken|teilen|twittern|teile|"
    r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|xing|tumblr|flipboard|"
    r"messenger|pocket|threads|bluesky|mastodon|copy\s+link|link\s+kopieren|copy|save|"
    r"copiar\s+(enlace|link)|copier\s+le\s+lien|copia\s+(link|il\s+link)|kopiuj\s+link|"
    r"link\s+kopi[ëe]ren|enlace|lien|"
    r"partager|imprimer|compartir|imprimir|udostępnij|drukuj|condividi|stampa|google\+?|"
    r"instagram|youtube|rss|sms|comments?|kommentare|"
    # The same words in the other languages of news sites (not in the dev set).
    r"compartilhar|compartilhe|partilhar|partilhe|delen|deel|поделиться|поделись|分享到|分享|"
    r"вконтакте|vk|одноклассники|weibo|wechat|微博|微信|pin|pins|"
    # Comment counts and print links of the same bar: "Commentaires", "Print this page".
    r"commentaires?|comentarios?|commenti|komentarze?|reacties|комментарии|page|seite|"
    r"cet|cette|este|esta|questo|dieses|diesen|deze|dit|"
    # "Share on Facebook", "Share this article", "Compartir en X", "Condividi su Facebook"
    r"on|via|auf|per|sur|en|su|na|op|this|article|artikel|story"
)
# A Markdown table's separator row ("|---|:---:|") is no share bar: the table keeps it.
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
SHARE_BAR = re.compile(
    rf"^(?:[\s|/•·,;:\-–—]*(?:{_SHARE_WORDS})\b[\s|/•·,;:\-–—]*)+$|^[\s|/•·\-–—]*\|[\s|/•·\-–—]*$",
    _I,
)

# --- also-read --------------------------------------------------------------------------------
# Teaser headings to other stories: "Also Read" in seed 000; "Also read:", "READ MORE:",
# "Related:", "See also", "Lesen Sie auch", "Mehr zum Thema", "Lire aussi", "Czytaj też" on the
# dev set. Alone, or followed by ":", "|" or a dash and the teaser's headline.
_TEASER_HEADS = (
    r"also\s+read|read\s+also|read\s+more|more\s+to\s+read|see\s+also|related(\s+(articles?|"
    r"stor(y|ies)|posts|news|content|coverage|reading|topics))?|recommended(\s+(for\s+you|"
    r"articles|stories|reading))?|more\s+on\s+this(\s+story)?|you\s+(may|might)\s+also\s+like|"
    r"further\s+reading|more\s+stories|more\s+from\s+\S+|"
    r"lesen\s+sie\s+(auch|mehr|hier)|mehr\s+zum\s+thema|auch\s+interessant|weiterlesen|"
    r"das\s+k(ö|oe)nnte\s+(sie|dich)\s+(auch\s+)?interessieren|(le|te)\s+puede\s+interesar|"
    r"artikel,?\s+die\s+(dir|ihnen)\s+(auch\s+)?gefallen|you\s+might\s+like|zum\s+thema|weitere\s+artikel|"
    r"(à\s+)?lire\s+aussi|voir\s+aussi|sur\s+le\s+m[êe]me\s+sujet|"
    r"le[ea]\s+tambi[ée]n|ver\s+tambi[ée]n|te\s+puede\s+interesar|"
    r"czytaj\s+(te[żz]|tak[żz]e|wi[ęe]cej)|zobacz\s+(te[żz]|tak[żz]e)|leggi\s+anche|"
    # Added from the dev set's text-mode misses: "Auch lesen: ...", "VEA TAMBIÉN: ...",
    # "Dowiedz się więcej: ...", "Zum Weiterlesen:".
    r"auch\s+lesen|vea\s+tambi[ée]n|dowiedz\s+si[ęe]\s+wi[ęe]cej|zum\s+weiterlesen|"
    # The same heads in the other languages of news sites (not in the dev set).
    r"noticias\s+relacionadas|art[íi]culos\s+relacionados|not[íi]cias\s+relacionadas|"
    r"mat[ée]rias\s+relacionadas|leia\s+(tamb[ée]m|mais)|veja\s+(tamb[ée]m|mais)|saiba\s+mais|"
    r"articles\s+li[ée]s|[àa]\s+lire\s+[ée]galement|articoli\s+correlati|"
    r"(ti\s+)?potrebbe\s+(anche\s+)?interessar(ti|e)|lees\s+(ook|meer)|bekijk\s+ook|zie\s+ook|"
    r"gerelateerde\s+artikelen|читайте\s+(также|тоже)|смотрите\s+также|по\s+теме|"
    r"похожие\s+(статьи|новости|материалы)|(यह|ये)\s+भी\s+पढ़ें|और\s+पढ़ें|"
    r"相关(阅读|新闻|文章|报道)|相關(閱讀|新聞|文章)|延伸阅读|延伸閱讀|推荐阅读|阅读更多"
)
ALSO_READ = re.compile(
    rf"^[\s»›>▶►•*\-–—]*({_TEASER_HEADS})\s*([:：|»›>\-–—.…]+.*|(\s+\S+){{1,4}})?$",
    _I,
)
# A teaser line is a headline, not a paragraph: past this length an "Also read: ..." start is
# more likely prose that begins with those words (longest teaser seen on the dev set ~150).
ALSO_READ_MAX_CHARS = 200

# --- hashtags ---------------------------------------------------------------------------------
# A line of hashtags only (seed 004's last line); its tags go into the document's ``tags``.
HASHTAG_LINE = re.compile(r"^\s*(#[^\s#]+\s*)+$")
HASHTAG = re.compile(r"#([^\s#]+)")

# --- caption ----------------------------------------------------------------------------------
# Picture credits and captions: "Photo: ...", "(Image: Getty)", "Foto: dpa", "Bild: X/Shutterstock"
# on the dev set; a caption line is short, and either starts with a credit word or ends with one.
_CREDIT = (r"photo|photos|photograph|image|images|picture|pic|foto|fotos|bild|bilder|"
           r"quelle|bildquelle|titelbild|cr[ée]dits?|source|illustration|grafik|karte|video|"
           r"copyright|©|imagen|fotograf[íi]as?|fuente|graphics?|infographic|infografik|gr[áa]fico|"
           # The same words in the other languages of news sites (not in the dev set).
           r"imagem|imagens|fonte|cr[ée]dito|cr[ée]ditos|cr[ée]dit\s+photo|beeld|afbeelding|"
           r"bron|immagine|zdj[ęe]cie|[źz]r[óo]d[łl]o|фото|источник|изображение|"
           r"(फोटो|फ़ोटो|तस्वीर)(\s+साभार)?|स्रोत|图片来源|图片|图源|来源|圖片|攝影|摄影")
# "Fot. PAP/Leszek Szymański": the Polish credit is an abbreviation before the agency.
# "图/新华社": a Chinese picture's credit after "图/"; "Credit...Jane Doe" as US papers print it.
CAPTION_START = re.compile(
    rf"^[\s(\[]*(({_CREDIT})\s*(by\b|:|：|\||(\.{{2,}}|…)(?=[^\s.…]))|fot\.\s*\S|"
    r"[图圖]\s*[/／]\s*\S)", _I)
CAPTION_END = re.compile(
    rf"([(\[]\s*({_CREDIT})\s*[:|]?[^()\[\]]*[)\]]|\b({_CREDIT})\s*:\s*[^.!?]{{2,80}}|"
    r"©\s*[^.!?]{2,80}|\b(getty\s+images|shutterstock(\.com)?|reuters|afp|dpa|ap\s+photo|"
    r"imago|epa|istock(photo)?|picture(-| )alliance)\s*[)\]]?|"
    # A photographer and agency in parentheses: "(mlharing / iStock.com)", "(REUTERS/Denis
    # Balibouse)" on the dev set; letters on both sides of the slash, so "(1/2)" is no credit.
    r"\(\s*[^\W\d_][^()/]{1,60}/\s*[^\W\d_][^()]{1,60}\))\s*$",
    _I,
)
# Captions on the dev set run up to about 250 characters; longer lines ending in "(dpa)" or
# "Reuters" are sentences of a wire story.
CAPTION_MAX_CHARS = 250

# --- footer -----------------------------------------------------------------------------------
# Copyright and legal lines at the foot of a page (dev set: "© 2013 ...", "Alle Rechte
# vorbehalten", "Tous droits réservés"). Short, so a paragraph about copyright law stays.
FOOTER = re.compile(
    r"^\s*(©|\(c\)\s*\d{4}|copyright\b)|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|"
    r"tous\s+droits\s+r[ée]serv[ée]s|todos\s+los\s+derechos\s+reservados|"
    r"wszelkie\s+prawa\s+zastrze[żz]one|todos\s+os\s+direitos\s+reservados|"
    r"tutti\s+i\s+diritti\s+riservati|alle\s+rechten\s+voorbehouden|все\s+права\s+защищены|"
    r"सर्वाधिकार\s+सुरक्षित|版权所有|版權所有|保留所有权利|"
    # Licence notes of blogs: "All content is licensed under a Creative Commons ... License".
    r"^(all\s+)?(content|text|texts|inhalte?)\b.{0,40}\blicen[sc]ed\s+under\b|"
    r"\bpowered\s+by\s+(wordpress|blogger|nikola|hugo|jekyll|ghost|drupal|joomla)|"
    # The opt-out link California's privacy law puts in US sites' footers.
    r"\bdo\s+not\s+sell\s+(or\s+share\s+)?my\s+(personal\s+)?info",
    _I,
)
FOOTER_MAX_CHARS = 250

# --- navigation -------------------------------------------------------------------------------
# Page chrome that is never article text on the dev set: skip links, breadcrumbs
# ("Home > Teens > Wissen"), pagers, log-in and search prompts.
NAVIGATION = re.compile(
    r"^\s*(skip\s+to\s+(main\s+)?content|zum\s+inhalt(\s+springen|\s+wechseln)?|"
    r"navigation\s+(überspringen|umschalten)|men[üu]|hauptmen[üu]|main\s+menu|toggle\s+navigation|"
    r"suche(n)?|search|login|log\s+in|sign\s+in|anmelden|abmelden|registrieren|register|"
    r"(←|«)?\s*(vorherige|n[äa]chste|previous|next|older|newer)(\s+(post|article|beitrag|"
    r"seite|page|entries|posts))?\s*(→|»)?|zur[üu]ck(\s+zur\s+übersicht)?|back(\s+to\s+top)?|"
    r"nach\s+oben|top|startseite|home|sitemap|impressum|datenschutz(erkl[äa]rung)?|kontakt|"
    r"privacy\s+policy|terms\s+of\s+(use|service)|cookie(s|\s+settings)?|sign\s+up|log\s+out|"
    r"my\s+account|mein\s+konto|mon\s+compte|mi\s+cuenta|"
    # The same links in the other languages of news sites (not in the dev set), and the lone
    # "Listen" of an article's audio player.
    r"in[íi]cio|p[áa]gina\s+inicial|accueil|inicio|buscar|pesquisar|rechercher|cerca|zoeken|"
    r"entrar|iniciar\s+sesi[óo]n|se\s+connecter|accedi|inloggen|registrati|registreren|"
    r"главная|поиск|войти|регистрация|listen|anh[öo]ren|[ée]couter|escuchar|ascolta|ouvir|"
    r"luister(en)?|слушать|прослушать)\s*[:.]?\s*$|"
    r"^\s*(首页|首頁|搜索|登录|登入|注册|मुख्य\s+पृष्ठ|खोजें|लॉग\s+इन|सुनें)\s*$"
    r"|^\s*(home|startseite)\s*[>›»/|]",
    _I,
)

# --- comments ---------------------------------------------------------------------------------
# Headings that open a comment section; everything after them on a text page is readers' text
# (the dev set's README: comments are excluded). "Kommentar verfassen", "Leave a Reply",
# "3 Kommentare", "Was sagst Du dazu?" seen on the dev set.
COMMENTS_HEAD = re.compile(
    r"^\s*(\d+\s+)?(comments?|kommentare?|reactions?|responses?|antworten|réactions?|"
    r"commentaires?|comentarios?|komentarze?|leserkommentare)\s*(\(\d+\))?\s*:?\s*$|"
    r"^\s*(leave\s+a\s+(reply|comment)|post\s+a\s+comment|add\s+a\s+comment|write\s+a\s+comment|"
    r"kommentar\s+(verfassen|schreiben|abgeben|hinterlassen)|schreibe\s+einen\s+kommentar|"
    r"diskutieren\s+sie\s+mit|ihre\s+meinung|laisser\s+un\s+commentaire|"
    r"deja\s+un\s+comentario|dodaj\s+komentarz|join\s+the\s+discussion)\b.{0,40}$|"
    # Inside a comment list: "Antworten"/"Reply" links and "Name sagt:"/"Name says:" heads.
    r"^\s*(antworten|reply|responder|r[ée]pondre|odpowiedz|rispondi)\s*[↓»]?\s*$|"
    r"^.{1,60}\b(sagt|says|schrieb|wrote|dit|dice|napisa[łl]a?)\s*:\s*$|"
    # Blog themes' count-and-title heads: "142 Antworten zu Würde des Lebens" (dev set),
    # "12 thoughts on “...”", "One response to ...", "3 Kommentare zu ...".
    r"^\s*(\d+|one|ein(e|en)?)\s+(antworten|kommentare?|comments?|thoughts?|responses?|replies|"
    r"réponses?|commentaires?|comentarios?|komentarz[ey]?)\s+(zu|to|on|auf|à|sur|a|en|do)\b.{0,150}$",
    _I,
)

# --- cookie-notice ----------------------------------------------------------------------------
# Consent dialogs rendered into the page's text: on the dev set they are often the longest run
# of prose on a page ("Wir verwenden Cookies ...", "This site uses cookies ...", "Notwendige
# Website Cookies", "korzystamy z cookies"). Any line about cookies or tracking consent.
COOKIE_NOTICE = re.compile(
    r"\bcookies?\b|\bcookie-|datenschutzeinstellungen|privacy\s+(settings|preferences)|"
    r"^\W*we\s+(value|care\s+about|respect)\s+your\s+privacy\W*$|"
    r"einwilligung\s+(widerrufen|verwalten)|consent\s+(settings|preferences)|"
    r"\btracking\b.*\b(akzeptieren|zustimmen|accept|consent)",
    _I,
)
# An article about cookies has paragraphs longer than a dialog's; dialogs' lines on the dev
# set stay under about 400 characters.
COOKIE_MAX_CHARS = 400

# --- widget headings ----------------------------------------------------------------------------
# Headings of page widgets that list other pages (dev set): "Die meistgelesenen Artikel",
# "Most popular", "Tous nos derniers podcasts", "Weitere Nachrichten", "Top stories".
WIDGET_HEAD = re.compile(
    r"^\W*(die\s+)?(meistgelesen|meist\s+gelesen|most\s+(read|popular|viewed|shared)|"
    r"top\s+(stories|news|artikel)|trending|beliebte(ste)?\s+(artikel|beiträge)|"
    r"neueste\s+(artikel|beiträge)|latest\s+(news|posts|stories|articles)|recent\s+posts|"
    r"weitere\s+(nachrichten|meldungen|beiträge|themen)|tous\s+nos|les\s+plus\s+lus|"
    r"lo\s+m[áa]s\s+(le[íi]do|visto)|najcz[ęe][śs]ciej\s+czytane|popular\s+posts|"
    r"ähnliche\s+(beiträge|artikel)|similar\s+(posts|articles)|tags?|schlagw[öo]rter|"
    r"kategorien|categories|archiv(e|es)?|editor'?s?['’]?s?\s+picks|(what\s+to\s+)?read\s+next|"
    r"up\s+next|don['’]?t\s+miss|must\s+reads?|you\s+may\s+have\s+missed|more\s+videos|"
    # The same heads in the other languages of news sites (not in the dev set).
    r"mais\s+(lidas|vistas|lidos)|[úu]ltimas\s+not[íi]cias|meest\s+gelezen|laatste\s+nieuws|"
    r"i\s+pi[ùu]\s+letti|ultime\s+notizie|самое\s+(популярное|читаемое)|последние\s+новости|"
    r"популярное|читайте\s+также)\b.{0,40}$|"
    r"^\W*(सबसे\s+ज़्यादा\s+पढ़ी|सबसे\s+ज्यादा\s+पढ़ी|ताज़ा\s+ख़बरें|ताजा\s+खबरें|"
    r"热门(文章|新闻|推荐)|最新(文章|新闻)|熱門(文章|新聞))\W*$",
    _I,
)

# --- disclaimer ---------------------------------------------------------------------------------
# Editorial and affiliate notes of the site, not of the article (dev set, text mode:
# "Advertising disclosure: We may receive compensation ...", "Bei den Verlinkungen handelt es
# sich um Affiliate Links", "Für Links auf dieser Seite erhält CHIP ggf. eine Provision", "This
# article is the copyrighted property of ...", "Materiał chroniony prawem autorskim", "Les
# opinions exprimées dans les blogs ... n'engagent que leurs auteurs", "This entry was posted
# in ... Bookmark the permalink").
DISCLAIMER = re.compile(
    r"affiliate[-\s]?links?|\bprovision\s+vom\s+h[äa]ndler|receive\s+(a\s+)?compensation|"
    r"advertising\s+disclos|copyrighted\s+property|written\s+permission|prawem\s+autorskim|"
    r"n'engagent\s+que|\bpermalink\b|^this\s+entry\s+was\s+posted\b|"
    r"^dieser\s+(eintrag|beitrag)\s+wurde\s+(\S+\s+){0,6}(veröffentlicht|abgelegt)\b|"
    r"^this\s+(content|article|post|story)\s+(is|was)\s+(sponsored|paid\s+for|produced\s+by)\b",
    _I,
)
DISCLAIMER_MAX_CHARS = 320

# --- reading-time -------------------------------------------------------------------------------
# "5 Minuten Lesezeit", "Tiempo de lectura: 8 minutos" (dev set), "4 min read", "Lesezeit: 3
# Min.": a line of the page's header that would otherwise pass for a short headline.
READING_TIME = re.compile(
    r"^\W*(\d+\s*(min\.?|mins|minutes?|minuten|minutos?)\s*(read|lesezeit|de\s+lecture|"
    r"de\s+lectura|czytania)?|(lesezeit|lesedauer|reading\s+time|read\s+time|tiempo\s+de\s+lectura|"
    r"temps\s+de\s+lecture|tempo\s+di\s+lettura|leestijd|czas\s+czytania)\s*:?\s*\d+\s*\S*)\W*$",
    _I,
)

@dataclass(frozen=True)
class Rule:
    """A noise pattern, the reason it gives, and the longest line it is tried on."""

    reason: str
    pattern: re.Pattern | controls.ControlPattern  # anything with ``search(line)``
    max_chars: int
    # Lower-case words of which every match of ``pattern`` holds one: a line with none of them
    # is passed over without running the pattern, which most lines match none of. Same reason
    # for every dev-set line with and without them (cost: docs/performance.md;
    # ``tests/clean/test_rules.py`` checks that each pattern's phrasings hold a hint).
    # Empty: the pattern always runs (anchored patterns fail fast anyway).
    hints: tuple[str, ...] = ()

    @cached_property
    def _hinted(self) -> re.Pattern | None:
        """The hints as one alternation of literals: one scan of the line instead of one
        substring test per hint."""
        return re.compile("|".join(map(re.escape, self.hints))) if self.hints else None

    def names(self, line: str, lowered: str) -> bool:
        """Whether ``line`` (with ``lowered``, its ``str.lower()``) is this rule's noise."""
        if len(line) > self.max_chars:
            return False
        if self._hinted is not None and self._hinted.search(lowered) is None:
            return False
        return self.pattern.search(line) is not None


# Rules that hold on any text, an extractor's output included: the first match names the line.
LINE_RULES: tuple[Rule, ...] = (
    Rule("hashtags", HASHTAG_LINE, 10_000),
    Rule("share-bar", SHARE_BAR, 120),
    Rule("ad-label", AD_LABEL, 80),
    Rule("ad-label", AD_SLOT, 80,
         ("ad", "sponsor", "anzeige", "werbung", "publici", "pubblici",
          "reklam", "continu", "contin", "scroll", "weiter", "suite", "poursuit", "sigue",
          "prosegue", "dalej", "dalsz", "anúncio", "anuncio", "verder", "segue", "реклам",
          "продолж")),
    Rule("promo", APP_UPDATES, APP_UPDATES_MAX_CHARS, APP_UPDATES_HINTS),
    Rule("also-read", ALSO_READ, ALSO_READ_MAX_CHARS),
    Rule("caption", CAPTION_START, CAPTION_MAX_CHARS),
    Rule("footer", FOOTER, FOOTER_MAX_CHARS,
         ("©", "(c)", "copyright", "sell", "rights", "rechte", "droits", "derechos", "prawa",
          "licen", "powered", "direitos", "diritti", "rechten", "права", "सर्वाधिकार", "版权",
          "版權", "权利")),
)
# Rules for whole pages only: on an extractor's main text they could cost real prose (an
# article about cookies or newsletters), and the extractor already removed the chrome.
PAGE_RULES: tuple[Rule, ...] = (
    Rule("navigation", NAVIGATION, 60),
    Rule("cookie-notice", COOKIE_NOTICE, COOKIE_MAX_CHARS,
         ("cookie", "datenschutzeinstellungen", "privacy", "einwilligung", "consent",
          "tracking")),
    Rule("promo", PROMO, PROMO_MAX_CHARS, PROMO_HINTS),
    Rule("related", WIDGET_HEAD, 80),
    Rule("reading-time", READING_TIME, 60),
    Rule("promo", SIGN_UP, SIGN_UP_MAX_CHARS, SIGN_UP_HINTS),
    Rule("promo", APP_DOWNLOAD, SIGN_UP_MAX_CHARS, APP_DOWNLOAD_HINTS),
    Rule("promo", APP_PROMO, APP_PROMO_MAX_CHARS, APP_PROMO_HINTS),
    Rule("promo", FOLLOW_NETWORK, SIGN_UP_MAX_CHARS, FOLLOW_US_HINTS),
    Rule("promo", EMAIL_PROMPT, SIGN_UP_MAX_CHARS),
    Rule("promo", ACCOUNT_WALL, ACCOUNT_WALL_MAX_CHARS, ACCOUNT_WALL_HINTS),
    Rule("promo", NOTIFICATIONS, NOTIFICATIONS_MAX_CHARS, NOTIFICATIONS_HINTS),
    Rule("disclaimer", DISCLAIMER, DISCLAIMER_MAX_CHARS,
         ("affiliate", "provision", "compensation", "disclos", "copyrighted", "permission",
          "autorskim", "engagent", "permalink", "posted", "dieser", "sponsored", "paid",
          "produced")),
    Rule("navigation", controls.CONTROL, controls.CONTROL_MAX_CHARS),
    Rule("caption", controls.PICTURE_LABEL, controls.PICTURE_LABEL_MAX_CHARS),
    Rule("also-read", controls.MEDIA_TEASER, controls.MEDIA_TEASER_MAX_CHARS),
)


def noise_reason(line: str, *, page: bool = True) -> str | None:
    """The reason a stripped line is noise wherever it stands, or None.

    ``page=False`` for text an extractor already cut from its page: the safe rules only.
    """
    lowered = line.lower()
    if "-" in line and TABLE_SEPARATOR.match(line):
        return None
    for rule in LINE_RULES + (PAGE_RULES if page else ()):
        if rule.names(line, lowered):
            return rule.reason
    return None


def is_caption(line: str) -> bool:
    """A picture caption or credit line: starts or ends with a credit."""
    if len(line) > CAPTION_MAX_CHARS:
        return False
    return bool(CAPTION_START.search(line) or CAPTION_END.search(line))


def hashtags(line: str) -> list[str]:
    """The tags of a hashtag line, without ``#``."""
    return HASHTAG.findall(line)


# --- prose signals ----------------------------------------------------------------------------
# The most frequent function words of the dev set's main languages (German, English, French,
# Spanish, Polish, Italian, Dutch, Portuguese). Running text is full of them (about a third of
# its words); menus, tag clouds and teaser headlines have few. Used as a share of a line's words.
STOPWORDS = frozenset("""
der die das und in zu den von mit ist im dem nicht ein eine als auch es an auf für sich des
sie er wir ich aus bei nach wie um oder noch hat wird sind werden war wurde so dass daß nur
einen einem einer über vor zum zur man kann aber wenn was hier sein ihre ihr bis mehr durch
the of and to a in is that for it on was with as be by at this are or from an but not have has
had were which their they you he she his her we will would can there been also its our more
than into who all if so about when one what
le la les de des du et un une est en que qui dans pour pas sur au aux par il elle ne se plus
avec ce sont ont été cette son sa ses nous vous leur mais ou comme
el los las del y que en un una es por con para se no lo al su sus como más pero fue ha son
este esta entre sobre también muy
i w z na się do nie że to jest o jak od po co ale za przez tak jego już może są było dla oraz
il di che e della per non sono una dei delle nel alla anche come più ma si gli con da
het een van en is dat op te zijn voor niet met ook als maar om aan bij er door naar
o os as um uma não com para por mais mas foi são ao da dos das
""".split())
