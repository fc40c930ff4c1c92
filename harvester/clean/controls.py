"""Lines a page's controls leave in its text: buttons, players, app prompts, form labels.

Rendered to text, a button or a player's label becomes a short line between the paragraphs:
"Skip Ad", "Listen to this article", "Enable notifications", "Get it on Google Play", "Your
email address". Such a line is made of interface words only: an action (skip, listen, enable,
get) or a word addressing the reader (your), something the page offers (ad, article,
notifications, app, email) and function words. Any other word makes it a line of the story,
so a subheading that happens to start with "Watch" stays. The vocabulary covers the languages
of the dev set's pages (English, German, French, Spanish, Italian, Polish, Portuguese, Dutch)
and Russian; it is written from what news sites print, not fitted to one page.
"""

from __future__ import annotations

import re
from functools import lru_cache

_I = re.IGNORECASE

# What the control does. Multi-word forms are written with \s+.
_ACTIONS = (
    r"skip|enable|disable|turn\s+on|turn\s+off|allow|block|expand|collapse|enlarge|zoom|close|"
    r"open|listen|watch|play|pause|replay|mute|unmute|get|download|install|become|join|"
    r"sign\s+up|sign\s+in|log\s+in|register|report|view|show|hide|load|see|explore|try|"
    r"click|tap|swipe|scroll|enter|submit|upgrade|manage|feedback|rate|bookmark|hear|"
    # German
    r"überspringen|aktivieren|einschalten|ausschalten|vergrößern|schließen|öffnen|anhören|"
    r"hören|ansehen|abspielen|herunterladen|installieren|werden|anmelden|registrieren|melden|"
    r"laden|jetzt|anzeigen|"
    # French
    r"passer|activer|désactiver|agrandir|fermer|ouvrir|écouter|regarder|télécharger|"
    r"installer|devenez|devenir|inscrire|inscrivez|connecter|connectez|signaler|"
    # Spanish
    r"saltar|activa|activar|ampliar|cerrar|abrir|escuchar|escucha|reproducir|descargar|"
    r"descarga|instalar|hazte|únete|regístrate|suscríbete|denunciar|"
    # Italian
    r"salta|attiva|ingrandisci|chiudi|apri|ascolta|guarda|scarica|installa|diventa|"
    r"iscriviti|accedi|segnala|"
    # Polish
    r"pomiń|włącz|wyłącz|powiększ|zamknij|otwórz|posłuchaj|słuchaj|obejrzyj|oglądaj|pobierz|"
    r"zainstaluj|zostań|dołącz|zarejestruj|zaloguj|zgłoś|"
    # Portuguese
    r"pular|ativar|ative|fechar|ouvir|ouça|assistir|assista|baixar|baixe|torne|cadastre|"
    r"entrar|denunciar|"
    # Dutch
    r"overslaan|inschakelen|vergroten|sluiten|openen|luister|bekijk|kijk|installeer|word|meld|"
    # Russian
    r"слушать|послушать|смотреть|посмотреть|скачать|скачайте|открыть|пропустить|включить|"
    r"подписаться|войти"
)

# Words that speak to the reader, as a form's labels do ("Your email address").
_READER = r"your|yours|ihre|deine|dein|votre|vos|tu|tus|su|tuo|tua|twój|twoja|twoje|seu|sua|uw|je"

# What the page offers: ads, media, apps, accounts, the article itself.
_OBJECTS = (
    r"ad|ads|advert|advertisement|adverts|app|apps|notifications?|alerts?|push|image|images|"
    r"photo|photos|picture|pictures|gallery|slideshow|slides?|video|videos|audio|podcasts?|"
    r"episode|player|fullscreen|full\s+screen|captions?|subtitles|transcript|article|story|"
    r"members?|membership|subscriber|subscribers|subscription|account|profile|e-?mail|mail|"
    r"address|inbox|newsletter|tv|live|livestream|stream|feed|comments|settings|preferences|"
    r"google\s+play|app\s+store|play\s+store|ios|android|edition|site|website|version|"
    # German
    r"anzeige|werbung|benachrichtigungen|mitteilungen|bild|bilder|foto|fotos|galerie|"
    r"bildergalerie|fotostrecke|bilderstrecke|artikel|mitglied|abonnent|konto|e-mail-adresse|"
    r"vollbild|"
    # French
    r"publicité|annonce|appli|application|galerie|vidéo|membre|abonné|compte|adresse|"
    r"plein\s+écran|"
    # Spanish
    r"anuncio|publicidad|aplicación|notificaciones|imagen|imágenes|galería|vídeo|artículo|"
    r"miembro|socio|suscriptor|cuenta|correo|correo\s+electr[óo]nico|boletín|pantalla\s+completa|"
    r"noticia|"
    # Italian
    r"annuncio|pubblicità|notifiche|immagine|immagini|galleria|articolo|abbonato|"
    r"indirizzo|schermo\s+intero|"
    # Polish
    r"reklama|reklamę|reklamy|aplikacja|aplikację|aplikacji|powiadomienia|zdjęcie|zdjęcia|"
    r"galeria|wideo|artykuł|artykułu|członkiem|subskrybentem|konto|adres|"
    # Portuguese
    r"anúncio|publicidade|aplicativo|notificações|imagem|galeria|áudio|artigo|matéria|membro|"
    r"assinante|conta|notícia|"
    # Dutch
    r"advertentie|meldingen|afbeelding|galerij|lid|abonnee|nieuwsbrief|"
    # Russian
    r"статью|статья|видео|фото|фотографии|галерея|приложение|реклама|рекламу|уведомления"
)

# Function words that may stand between them ("Get it on Google Play", "Listen to this
# article", "Already a subscriber? Log in"), and the few adverbs buttons use.
_GLUE = (
    r"the|a|an|it|this|that|to|on|in|of|for|with|and|or|now|here|more|all|full|already|our|"
    r"my|me|us|at|from|via|free|new|latest|these|min|mins|\d+|"
    r"der|die|das|den|dem|des|ein|eine|einen|zum|zur|auf|im|in|mit|und|oder|hier|mehr|uns|"
    r"diese|dieser|diesen|dieses|alle|"
    r"le|la|les|l|un|une|des|du|de|d|à|au|sur|et|ou|s|se|ici|plus|notre|nos|ce|cet|cette|ces|"
    r"el|los|las|una|del|al|en|y|o|aquí|más|nuestro|nuestra|este|esta|"
    r"il|lo|gli|di|da|su|e|qui|più|questo|questa|"
    r"w|na|do|z|i|się|tutaj|więcej|ten|ta|tego|"
    r"o|os|as|um|uma|no|na|em|ao|aqui|mais|esse|essa|"
    r"het|een|van|op|naar|met|en|hier|meer|ons|onze|dit|deze|"
    r"эту|это|в|на|и|все"
)

# A line of those words only, with at least one thing offered and one action or word to the
# reader, two to eight words long: longer lines are sentences even when they start this way.
_CONTROL_LINE = re.compile(
    rf"^[\W_]*(?=.*\b({_OBJECTS})\b)(?=.*\b({_ACTIONS}|{_READER})\b)"
    rf"(?:(?:{_ACTIONS}|{_READER}|{_OBJECTS}|{_GLUE})\b[\W_]*){{2,8}}$",
    _I,
)
CONTROL_MAX_CHARS = 80
# The single words of the vocabulary: its multi-word forms ("turn\s+on") split into their
# words. A line with a word outside them is no control, which most lines show at their first
# or second word. (Words are runs of letters and digits, so "e-mail" is "e" and "mail".)
_KNOWN = re.compile(
    rf"{_ACTIONS}|{_READER}|{_OBJECTS}|{_GLUE}".replace(r"\s+", "|"), _I)
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)
def _known(word: str) -> bool:
    return _KNOWN.fullmatch(word) is not None


class ControlPattern:
    """``_CONTROL_LINE``, tried only on lines whose every word is in its vocabulary. The
    pattern's lookaheads run over the whole alternation, slow on every line; the word test
    stops at a line's first unknown word (cost: docs/performance.md)."""

    def search(self, line: str) -> re.Match | None:
        count = 0
        for word in _WORD.finditer(line.lower()):
            count += 1
            if count > 16 or not _known(word.group()):
                return None
        return _CONTROL_LINE.search(line) if count >= 2 else None


CONTROL = ControlPattern()

# The labels of a picture that are not its caption: "File photo", "Representational image",
# "Symbolbild", "Photo d'illustration", "Foto de archivo", "Photo 3 of 8", "Image 1/12"; and, as
# news sites print them, "Image used for representational purposes only", "Courtesy of the
# artist", "Supplied", "Screenshot: X", "Archivfoto", "Image d'archives", "Фото из архива",
# "फाइल फोटो", "资料图", "REUTERS/John Smith", "(Getty)".
PICTURE_LABEL = re.compile(
    r"^[\W_]*((file|stock|archive|representational|representative|illustrative|handout|pool)\s+"
    r"(photo|image|picture|pic)(\s*/\s*[^\W\d_][\w .'-]{0,40})?|"
    # An agency's or a paper's photo: "PTI Photo", "AP Photo/Jane Doe", "Express photo by X".
    r"(pa|xinhua|ians|ani|pti|afp|reuters|epa|dpa|ap|efe|ansa|anp|tass|belga|keystone|express|ht|"
    r"toi)\s+(photo|pic|image)s?(\s*(/|by)\s*[^\W\d_][\w .'-]{0,40})?|"
    r"symbol(bild|foto)|(photo|image)\s+d'illustration|"
    r"(foto|imagen)\s+de\s+archivo|foto\s+d'archivio|zdj[ęe]cie\s+ilustracyjne|"
    r"(foto|imagen|imagem|immagine)\s+(ilustrativa|illustrativa|de\s+refer[eê]ncia|di\s+repertorio)|"
    r"illustration(sbild)?|ilustraci[óo]n|(photo|cr[ée]dit)\s+dr|"
    r"(photo|image|picture|slide|foto|bild|imagen|immagine|zdj[ęe]cie)\s*\d+\s*(of|/|von|de|di|z|sur)"
    r"\s*\d+|(image|photo|picture|video)\s+(caption|source|credit)s?\s*[:|].*|"
    r"(image|photo|picture)s?\s+(is\s+|are\s+)?(used\s+)?(for\s+)?"
    r"(representation(al)?|illustrat\w+)(\s+purposes?)?(\s+only)?|"
    r"((photo|image|picture)s?)?\s*:?\s*(courtesy(\s+of|\s*:)\s*[^,.;!?]{1,50}|supplied)|"
    r"(screenshot|screengrab|captura(\s+de\s+pantalla)?|bildschirmfoto|capture\s+d'[ée]cran)"
    r"\s*[:/].{1,60}|(screen\s*grab|video\s+grab|screenshot)(\s+(from|of)\s+(a\s+|the\s+)?video)?|"
    # A gallery's counter alone: "1 of 12".
    r"\d{1,3}\s+(of|von|sur|de|di|z|из)\s+\d{1,3}|"
    r"archiv(foto|bild)|(photo|image)s?\s+d['’]archives?|foto\s+di\s+archivio|archief(beeld|foto)|"
    r"zdj[ęe]cie\s+archiwalne|фото\s+из\s+архива|архивное\s+фото|"
    r"фото\s+из\s+открытых\s+источников|фото\s+предоставлено\s+[^.!?]{1,40}|"
    # A Chinese photographer's credit: "新华社记者 李明 摄", "李明 摄" (a name of two to four
    # characters; with no reporter and no space, "一起去拍摄" is a sentence's end).
    r"[\u4e00-\u9fff]{0,6}(记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}\s*摄|[\u4e00-\u9fff·]{2,4}\s+摄|"
    r"(फाइल|फ़ाइल)\s+(फोटो|फ़ोटो|तस्वीर)|资料图片?|資料圖片?|"
    # An agency and its photographer, the whole line: "REUTERS/John Smith", "AFP/Jane Doe".
    r"(reuters|afp|ap|dpa|epa|efe|ansa|anp|pap|tass|xinhua|pti|ani|ians|belga|apa|keystone)"
    r"\s*/\s*[^\W\d_][^\W\d_ .'-]*(\s+[^\W\d_][^\W\d_.'-]*){0,3}|"
    # A picture agency or library alone: "(Getty)", "Shutterstock", "Unsplash", "(AP)".
    r"getty(\s+images)?|shutterstock|imago|istock(photo)?|picture[\s-]alliance|unsplash|pixabay|"
    r"pexels|alamy|ap(\s+photo)?|pa\s+(media|wire|images)|xinhua|anadolu(\s+agency)?)[\W_]*$",
    _I,
)
PICTURE_LABEL_MAX_CHARS = 250

# Another story's video or gallery, announced by its kind: "WATCH: Firefighters battle blaze",
# "VIDEO: ...", "IN PICTURES: ..." (Canadian, UK and US news sites, between paragraphs).
MEDIA_TEASER = re.compile(
    r"^[\W_]*(watch|video|videos|listen|gallery|in\s+pictures|photos|podcast|audio)\s*:\s*\S", _I)
MEDIA_TEASER_MAX_CHARS = 160
