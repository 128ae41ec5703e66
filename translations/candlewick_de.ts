<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Candlewick::CandleTableModel</name>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>forming</source>
        <translation>in Bildung</translation>
    </message>
    <message>
        <source>Open time (UTC)</source>
        <translation>Eröffnungszeit (UTC)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Eröffnung</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Tief</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schluss</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Quote volume</source>
        <translation>Quote-Volumen</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Trades</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Candlewick::ChartView</name>
    <message>
        <source>Click to download the missing candles.</source>
        <translation>Klicken, um die fehlenden Kerzen herunterzuladen.</translation>
    </message>
    <message>
        <source>Drag to scale the prices, double-click to fit them.</source>
        <translation>Ziehen skaliert die Preise, Doppelklick passt sie ein.</translation>
    </message>
</context>
<context>
    <name>Candlewick::DownloadDialog</name>
    <message>
        <source>Download history</source>
        <translation>Kursdaten herunterladen</translation>
    </message>
    <message>
        <source>e.g. BTCUSDT</source>
        <translation>z. B. BTCUSDT</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>Börse:</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>Symbol:</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <source>From (UTC):</source>
        <translation>Von (UTC):</translation>
    </message>
    <message>
        <source>To (UTC):</source>
        <translation>Bis (UTC):</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Enter a symbol, for example BTCUSDT.</source>
        <translation>Geben Sie ein Symbol ein, zum Beispiel BTCUSDT.</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>Das Ende muss nach dem Anfang liegen.</translation>
    </message>
    <message>
        <source>No database is open: choose one in the preferences.</source>
        <translation>Keine Datenbank geöffnet: Wählen Sie eine in den Einstellungen.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen…</translation>
    </message>
    <message>
        <source>%1 of %2 candles · %3 candles/s</source>
        <translation>%1 von %2 Kerzen · %3 Kerzen/s</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>Already in the local store: nothing to download.</source>
        <translation>Bereits lokal gespeichert: nichts herunterzuladen.</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n candle(s) stored.</source>
        <translation>
            <numerusform>Fertig: %n Kerze gespeichert.</numerusform>
            <numerusform>Fertig: %n Kerzen gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. What was downloaded so far is kept.</source>
        <translation>Abgebrochen. Bereits Heruntergeladenes bleibt erhalten.</translation>
    </message>
    <message>
        <source>The exchange could not be reached. Check the network connection or the proxy in the preferences, then try again.</source>
        <translation>Die Börse ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung oder den Proxy in den Einstellungen und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The exchange asked us to slow down. Try again in a few minutes.</source>
        <translation>Die Börse bittet um weniger Anfragen. Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>The exchange does not know the symbol %1.</source>
        <translation>Die Börse kennt das Symbol %1 nicht.</translation>
    </message>
    <message>
        <source>The exchange does not offer the interval %1.</source>
        <translation>Die Börse bietet das Intervall %1 nicht an.</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>Der Download ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>What went wrong, in detail</source>
        <translation>Was genau schiefging</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Retrying %1/%2 — %3</source>
        <translation>Neuer Versuch %1/%2 — %3</translation>
    </message>
    <message>
        <source>The exchange refused access from this network (a firewall or a regional block). Try another network, or another REST URL in the preferences.</source>
        <translation>Die Börse verweigert den Zugriff aus diesem Netzwerk (Firewall oder regionale Sperre). Versuchen Sie ein anderes Netzwerk oder eine andere REST-URL in den Einstellungen.</translation>
    </message>
    <message>
        <source>The exchange had trouble answering, even after several tries. Try again later.</source>
        <translation>Die Börse konnte auch nach mehreren Versuchen nicht antworten. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>the REST URL in the preferences</source>
        <translation>die REST-URL in den Einstellungen</translation>
    </message>
    <message>
        <source>Whole past days from the exchange&apos;s public archive (checksummed files, much faster)</source>
        <translation>Ganze vergangene Tage aus dem öffentlichen Archiv der Börse (Dateien mit Prüfsumme, viel schneller)</translation>
    </message>
    <message>
        <source>This exchange has no public archive for this interval (or a REST URL of your own is set).</source>
        <translation>Diese Börse hat kein öffentliches Archiv für dieses Intervall (oder eine eigene REST-URL ist eingestellt).</translation>
    </message>
    <message>
        <source>Downloading %1 from the archive %2…</source>
        <translation>%1 wird aus dem Archiv %2 heruntergeladen…</translation>
    </message>
    <message>
        <source>Archive: %1 of %2 files · %3 · %4 candles · %5 candles/s</source>
        <translation>Archiv: %1 von %2 Dateien · %3 · %4 Kerzen · %5 Kerzen/s</translation>
    </message>
    <message>
        <source>%1 files from the archive.</source>
        <translation>%1 Dateien aus dem Archiv.</translation>
    </message>
    <message>
        <source>The archive could not be reached: everything came over REST.</source>
        <translation>Das Archiv war nicht erreichbar: alles kam über REST.</translation>
    </message>
    <message>
        <source>Some archive files failed their checks; their days came over REST.</source>
        <translation>Einige Archivdateien haben die Prüfung nicht bestanden; ihre Tage kamen über REST.</translation>
    </message>
</context>
<context>
    <name>Candlewick::LocalDataPanel</name>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>Kerzen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlend</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n candle(s)</source>
        <translation>
            <numerusform>%n Kerze</numerusform>
            <numerusform>%n Kerzen</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n covered range(s); double-click to open</source>
        <translation>
            <numerusform>%n abgedeckter Zeitraum; Doppelklick zum Öffnen</numerusform>
            <numerusform>%n abgedeckte Zeiträume; Doppelklick zum Öffnen</numerusform>
        </translation>
    </message>
    <message>
        <source>covered</source>
        <translation>abgedeckt</translation>
    </message>
</context>
<context>
    <name>Candlewick::MainWindow</name>
    <message>
        <source>Candlewick</source>
        <translation>Candlewick</translation>
    </message>
    <message>
        <source>Chart interval (resampled from the stored interval)</source>
        <translation>Chart-Intervall (aus dem gespeicherten Intervall umgerechnet)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Follow the live feed of this series</source>
        <translation>Live-Daten dieser Reihe verfolgen</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Zoom out to the whole series (double-click the chart)</source>
        <translation>Auf die ganze Reihe herauszoomen (Doppelklick in den Chart)</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <source>Scroll to the newest candle (End)</source>
        <translation>Zur neuesten Kerze scrollen (Ende)</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>Kerzen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Märkte</translation>
    </message>
    <message>
        <source>Local data</source>
        <translation>Lokale Daten</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufzeichnen</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Download history…</source>
        <translation>Kursdaten &amp;herunterladen…</translation>
    </message>
    <message>
        <source>Open the &amp;demo market</source>
        <translation>&amp;Demo-Markt öffnen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Light theme</source>
        <translation>&amp;Helles Design</translation>
    </message>
    <message>
        <source>D&amp;ark theme</source>
        <translation>D&amp;unkles Design</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Candlewick</source>
        <translation>&amp;Über Candlewick</translation>
    </message>
    <message>
        <source>About Candlewick</source>
        <translation>Über Candlewick</translation>
    </message>
    <message>
        <source>&lt;b&gt;Candlewick %1&lt;/b&gt;&lt;p&gt;Crypto market data: download, record and replay candles on fluid charts.&lt;/p&gt;&lt;p&gt;Keys on the chart: arrows pan and zoom, +/- zoom, Home/End jump to the start/end, double-click shows everything.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Candlewick %1&lt;/b&gt;&lt;p&gt;Krypto-Marktdaten: Kerzen herunterladen, aufzeichnen und wiedergeben, in flüssigen Charts.&lt;/p&gt;&lt;p&gt;Tasten im Chart: Pfeile verschieben und zoomen, +/- zoomen, Pos1/Ende springen zum Anfang/Ende, Doppelklick zeigt alles.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Opened database %1</source>
        <translation>Datenbank %1 geöffnet</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2</source>
        <translation>Download von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n symbol(s) loaded from %1.</source>
        <translation>
            <numerusform>%n Symbol von %1 geladen.</numerusform>
            <numerusform>%n Symbole von %1 geladen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the symbols of %1: %2</source>
        <translation>Die Symbole von %1 konnten nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>No stored candles for %1 in that range.</source>
        <translation>Keine gespeicherten Kerzen für %1 in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n candle(s).</source>
        <translation>
            <numerusform>%1 geöffnet: %n Kerze.</numerusform>
            <numerusform>%1 geöffnet: %n Kerzen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 candles cannot be made from %2 candles.</source>
        <translation>%1-Kerzen lassen sich nicht aus %2-Kerzen bilden.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>No series open</source>
        <translation>Keine Reihe geöffnet</translation>
    </message>
    <message>
        <source>%1 · %2 stored candles · showing %3 × %4</source>
        <translation>%1 · %2 gespeicherte Kerzen · angezeigt %3 × %4</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>Following %1 live.</source>
        <translation>%1 wird live verfolgt.</translation>
    </message>
    <message>
        <source>The demo market could not be loaded: %1</source>
        <translation>Der Demo-Markt konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Loading the demo market %1…</source>
        <translation>Demo-Markt %1 wird geladen…</translation>
    </message>
    <message>
        <source>Downloaded %1.</source>
        <translation>%1 heruntergeladen.</translation>
    </message>
    <message>
        <source>Live feed: %1</source>
        <translation>Live-Daten: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Strategy plugin %1 skipped: %2</source>
        <translation>Strategie-Plugin %1 übersprungen: %2</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Demo data, made up offline. Real history: Download…; live data: Live on a real exchange&apos;s series.</source>
        <translation>Demo-Daten, offline erzeugt. Echte Kursdaten: „Herunterladen…“; Live-Daten: „Live“ bei einer Reihe einer echten Börse.</translation>
    </message>
    <message>
        <source>%1 is stored up to %2. Download… fetches the rest, Live fetches it too.</source>
        <translation>%1 ist bis %2 gespeichert. „Herunterladen…“ holt den Rest, „Live“ ebenfalls.</translation>
    </message>
    <message>
        <source>Could not fetch %1 up to now: %2</source>
        <translation>%1 konnte nicht bis jetzt geholt werden: %2</translation>
    </message>
    <message>
        <source>Fetching %1 from %2 up to now…</source>
        <translation>%1 wird ab %2 bis jetzt geholt…</translation>
    </message>
</context>
<context>
    <name>Candlewick::MarketsPanel</name>
    <message>
        <source>Favourites only</source>
        <translation>Nur Favoriten</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Börse</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Download the exchange&apos;s symbol list again</source>
        <translation>Die Symbolliste der Börse neu herunterladen</translation>
    </message>
    <message>
        <source>Search symbols, e.g. btc</source>
        <translation>Symbole suchen, z. B. btc</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>(not trading: %1)</source>
        <translation>(kein Handel: %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n symbol(s)</source>
        <translation>
            <numerusform>%n Symbol</numerusform>
            <numerusform>%n Symbole</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick a symbol to keep it as a favourite; double-click to open it.</source>
        <translation>Ein Symbol ankreuzen, um es als Favorit zu behalten; Doppelklick öffnet es.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n symbol(s)</source>
        <translation>
            <numerusform>%1 von %n Symbol</numerusform>
            <numerusform>%1 von %n Symbolen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Candlewick::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>host:port (empty: no proxy)</source>
        <translation>Host:Port (leer: kein Proxy)</translation>
    </message>
    <message>
        <source>Directories separated by %1</source>
        <translation>Verzeichnisse, getrennt durch %1</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Binance REST URL:</source>
        <translation>Binance-REST-URL:</translation>
    </message>
    <message>
        <source>Binance WebSocket URL:</source>
        <translation>Binance-WebSocket-URL:</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <source>Strategy plugin directories:</source>
        <translation>Verzeichnisse für Strategie-Plugins:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>A new language, database or network setting takes effect at the next start.</source>
        <translation>Eine neue Sprache, Datenbank oder Netzwerkeinstellung wirkt beim nächsten Start.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>In effect: %1, from the environment variable %2, which overrides this setting.</source>
        <translation>Wirksam: %1, aus der Umgebungsvariablen %2, die diese Einstellung übersteuert.</translation>
    </message>
    <message>
        <source>PostgreSQL password (if the server asks for one)</source>
        <translation>PostgreSQL-Passwort (falls der Server eines verlangt)</translation>
    </message>
    <message>
        <source>Database (file or URL):</source>
        <translation>Datenbank (Datei oder URL):</translation>
    </message>
    <message>
        <source>Database password:</source>
        <translation>Datenbank-Passwort:</translation>
    </message>
    <message>
        <source>An SQLite file, or a PostgreSQL server as postgresql://USER@HOST:PORT/DATABASE (or ?host=/socket/dir for a local socket).</source>
        <translation>Eine SQLite-Datei oder ein PostgreSQL-Server als postgresql://BENUTZER@HOST:PORT/DATENBANK (oder ?host=/socket/verzeichnis für einen lokalen Socket).</translation>
    </message>
    <message>
        <source>Not a valid URL: %1</source>
        <translation>Keine gültige URL: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::RecordPanel</name>
    <message>
        <source>Start recording</source>
        <translation>Aufzeichnung starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>BTCUSDT, ETHUSDT</source>
        <translation>BTCUSDT, ETHUSDT</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Msg/s</source>
        <translation>Nachr./s</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>Börse:</translation>
    </message>
    <message>
        <source>Symbols:</source>
        <translation>Symbole:</translation>
    </message>
    <message>
        <source>Intervals:</source>
        <translation>Intervalle:</translation>
    </message>
    <message>
        <source>Recording could not write to the database: %1</source>
        <translation>Die Aufzeichnung konnte nicht in die Datenbank schreiben: %1</translation>
    </message>
    <message>
        <source>Choose at least one symbol and one interval to record.</source>
        <translation>Wählen Sie mindestens ein Symbol und ein Intervall zum Aufzeichnen.</translation>
    </message>
    <message numerus="yes">
        <source>Recording %n stream(s).</source>
        <translation>
            <numerusform>%n Stream wird aufgezeichnet.</numerusform>
            <numerusform>%n Streams werden aufgezeichnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>Aufzeichnung beendet.</translation>
    </message>
    <message>
        <source>Recording connection: %1</source>
        <translation>Verbindung der Aufzeichnung: %1</translation>
    </message>
    <message>
        <source>Recording needs an open database.</source>
        <translation>Die Aufzeichnung braucht eine geöffnete Datenbank.</translation>
    </message>
    <message>
        <source>Stored %1 closed candle(s) · %2 gap(s) backfilled with %3 candle(s) · %4 reconnect(s) · %5 write error(s)</source>
        <translation>%1 geschlossene Kerze(n) gespeichert · %2 Lücke(n) mit %3 Kerze(n) gefüllt · %4 Neuverbindung(en) · %5 Schreibfehler</translation>
    </message>
    <message>
        <source>%1 has no live feed to record.</source>
        <translation>%1 hat keinen Live-Feed zum Aufzeichnen.</translation>
    </message>
    <message>
        <source>Last closed</source>
        <translation>Zuletzt geschlossen</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Lücken</translation>
    </message>
    <message>
        <source>Symbol and interval</source>
        <translation>Symbol und Intervall</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <source>Open time of the last closed candle (UTC)</source>
        <translation>Eröffnungszeit der zuletzt geschlossenen Kerze (UTC)</translation>
    </message>
    <message>
        <source>Candles backfilled after a drop</source>
        <translation>Nach einem Verbindungsabbruch nachgeladene Kerzen</translation>
    </message>
    <message>
        <source>Could not check the symbols with %1: %2</source>
        <translation>Die Symbole konnten bei %1 nicht geprüft werden: %2</translation>
    </message>
    <message>
        <source>%1 does not list %2: nothing recorded.</source>
        <translation>%1 führt %2 nicht: nichts aufgezeichnet.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Whether this recorder writes the stream, or stands by while another recorder on the same PostgreSQL database writes it</source>
        <translation>Ob dieser Recorder den Stream schreibt oder in Bereitschaft steht, während ein anderer Recorder auf derselben PostgreSQL-Datenbank ihn schreibt</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Schreibt</translation>
    </message>
    <message>
        <source>Standing by</source>
        <translation>In Bereitschaft</translation>
    </message>
    <message>
        <source>Another recorder writes this stream; this one takes over when that one stops</source>
        <translation>Ein anderer Recorder schreibt diesen Stream; dieser übernimmt, wenn jener anhält</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayPanel</name>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>(none: chart only)</source>
        <translation>(keine: nur Chart)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Seek (while paused)</source>
        <translation>Springen (im Pausenzustand)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <source>Nothing to replay: no stored candles in that range.</source>
        <translation>Nichts wiederzugeben: keine gespeicherten Kerzen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>The strategy could not start: %1</source>
        <translation>Die Strategie konnte nicht starten: %1</translation>
    </message>
    <message numerus="yes">
        <source>Replayed %n candle(s).</source>
        <translation>
            <numerusform>%n Kerze wiedergegeben.</numerusform>
            <numerusform>%n Kerzen wiedergegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s), %1 trade(s), return %2%, max drawdown %3%.</source>
        <translation>
            <numerusform>%n Signal, %1 Trade(s), Rendite %2 %, max. Drawdown %3 %.</numerusform>
            <numerusform>%n Signale, %1 Trade(s), Rendite %2 %, max. Drawdown %3 %.</numerusform>
        </translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>%1 of %2 candles</source>
        <translation>%1 von %2 Kerzen</translation>
    </message>
    <message numerus="yes">
        <source>%n candle(s) loaded</source>
        <translation>
            <numerusform>%n Kerze geladen</numerusform>
            <numerusform>%n Kerzen geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>The replay stopped: %1</source>
        <translation>Die Wiedergabe wurde beendet: %1</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Return %</source>
        <translation>Rendite %</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Kapital</translation>
    </message>
    <message>
        <source>Drawdown %</source>
        <translation>Drawdown %</translation>
    </message>
    <message>
        <source>Drawdown</source>
        <translation>Drawdown</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Latest reason: %1</source>
        <translation>Letzter Grund: %1</translation>
    </message>
</context>
<context>
    <name>ChartRenderer</name>
    <message>
        <source>%1 UTC  O %2  H %3  L %4  C %5  V %6</source>
        <translation>%1 UTC  E %2  H %3  T %4  S %5  V %6</translation>
    </message>
    <message>
        <source>(forming)</source>
        <translation>(in Bildung)</translation>
    </message>
    <message>
        <source>No candles to show.
Open a series from Markets or Local data, or download some history.</source>
        <translation>Keine Kerzen anzuzeigen.
Öffnen Sie eine Reihe unter Märkte oder Lokale Daten, oder laden Sie Kursdaten herunter.</translation>
    </message>
    <message>
        <source>(incomplete: input missing)</source>
        <translation>(unvollständig: Eingangsdaten fehlen)</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>%1 – %2 UTC (%3 × %4)  O %5  H %6  L %7  C %8  V %9</source>
        <translation>%1 – %2 UTC (%3 × %4)  E %5  H %6  T %7  S %8  V %9</translation>
    </message>
    <message>
        <source>(has gaps)</source>
        <translation>(mit Lücken)</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 no data from the exchange</source>
        <translation>%1 keine Daten von der Börse</translation>
    </message>
    <message>
        <source>%1 not fetched</source>
        <translation>%1 nicht geladen</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Candle database file.</source>
        <translation>Kerzen-Datenbankdatei.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Series to open, e.g. binance:BTCUSDT:1m.</source>
        <translation>Zu öffnende Reihe, z. B. binance:BTCUSDT:1m.</translation>
    </message>
    <message>
        <source>series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Start (ISO-8601, UTC).</source>
        <translation>Beginn (ISO-8601, UTC).</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>End (ISO-8601, UTC).</source>
        <translation>Ende (ISO-8601, UTC).</translation>
    </message>
    <message>
        <source>Chart interval (resampled), e.g. 1h.</source>
        <translation>Chart-Intervall (umgerechnet), z. B. 1h.</translation>
    </message>
    <message>
        <source>interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>light or dark.</source>
        <translation>light (hell) oder dark (dunkel).</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>en, de or zh_CN.</source>
        <translation>en, de oder zh_CN.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Replay the opened series at max speed into this strategy (&quot;none&quot;: chart only) before the screenshot.</source>
        <translation>Die geöffnete Reihe vor dem Bildschirmfoto mit maximaler Geschwindigkeit in diese Strategie wiedergeben (&quot;none&quot;: nur Chart).</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>A --replay strategy parameter (repeatable).</source>
        <translation>Ein Strategieparameter für --replay (mehrfach möglich).</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>name=wert</translation>
    </message>
    <message>
        <source>Render the window (1600x1000) to this PNG and exit.</source>
        <translation>Das Fenster (1600x1000) in diese PNG-Datei zeichnen und beenden.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Candlewick: crypto candlestick charts.</source>
        <translation>Candlewick: Kerzencharts für Kryptowährungen.</translation>
    </message>
    <message>
        <source>no strategy plugin named %1</source>
        <translation>kein Strategie-Plugin namens %1</translation>
    </message>
    <message>
        <source>the replay stopped early</source>
        <translation>die Wiedergabe endete vorzeitig</translation>
    </message>
    <message>
        <source>no translation for %1</source>
        <translation>keine Übersetzung für %1</translation>
    </message>
    <message>
        <source>--open wants exchange:SYMBOL:interval, e.g. binance:BTCUSDT:1m</source>
        <translation>--open erwartet börse:SYMBOL:intervall, z. B. binance:BTCUSDT:1m</translation>
    </message>
    <message>
        <source>--from/--to want ISO-8601 times, e.g. 2024-01-01T00:00:00Z</source>
        <translation>--from/--to erwarten ISO-8601-Zeiten, z. B. 2024-01-01T00:00:00Z</translation>
    </message>
    <message>
        <source>--to must be after --from</source>
        <translation>--to muss nach --from liegen</translation>
    </message>
    <message>
        <source>unknown interval %1</source>
        <translation>unbekanntes Intervall %1</translation>
    </message>
    <message>
        <source>--screenshot needs --open</source>
        <translation>--screenshot braucht --open</translation>
    </message>
    <message>
        <source>--replay goes with --screenshot</source>
        <translation>--replay geht nur mit --screenshot</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Window size of the --screenshot, e.g. 1024x700.</source>
        <translation>Fenstergröße für --screenshot, z. B. 1024x700.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT from 640x480 up, e.g. 1024x700</source>
        <translation>--size erwartet BREITExHÖHE ab 640x480, z. B. 1024x700</translation>
    </message>
</context>
</TS>
