<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Candlewick::Cli::CommandRegistry</name>
    <message>
        <source>Usage: candlewick-cli &lt;command&gt; [options]</source>
        <translation>Aufruf: candlewick-cli &lt;Befehl&gt; [Optionen]</translation>
    </message>
    <message>
        <source>Crypto market data: download, cache, export, record and replay candles.</source>
        <translation>Krypto-Marktdaten: Kerzen herunterladen, zwischenspeichern, exportieren, aufzeichnen und wiedergeben.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Run `candlewick-cli &lt;command&gt; --help` for the options of a command.</source>
        <translation>`candlewick-cli &lt;Befehl&gt; --help` zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Usage: candlewick-cli %1 [options]</source>
        <translation>Aufruf: candlewick-cli %1 [Optionen]</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos; (run `candlewick-cli --help` for the list)</source>
        <translation>unbekannter Befehl „%1“ (`candlewick-cli --help` zeigt die Liste)</translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: give a file path or postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>nicht unterstützte Datenbank-URL „%1“: Dateipfad oder postgresql://BENUTZER@HOST:PORT/DATENBANK angeben</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::CoverageCommand</name>
    <message>
        <source>List stored series with their covered ranges, counts and gaps.</source>
        <translation>Gespeicherte Reihen mit abgedeckten Zeiträumen, Anzahlen und Lücken auflisten.</translation>
    </message>
    <message>
        <source>no series stored in %1</source>
        <translation>keine Reihen in %1 gespeichert</translation>
    </message>
    <message>
        <source>%1  candles %2  missing %3  no-trade/downtime %4</source>
        <translation>%1  Kerzen %2  fehlend %3  ohne Handel/Ausfall %4</translation>
    </message>
    <message>
        <source>  covered %1 .. %2</source>
        <translation>  abgedeckt %1 .. %2</translation>
    </message>
    <message>
        <source>  gap     %1 .. %2</source>
        <translation>  Lücke     %1 .. %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ExchangesCommand</name>
    <message>
        <source>List the exchanges, their markets and how each interval is obtained.</source>
        <translation>Die Börsen, ihre Märkte und wie jedes Intervall bezogen wird, auflisten.</translation>
    </message>
    <message>
        <source>One JSON object per exchange.</source>
        <translation>Ein JSON-Objekt pro Börse.</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>native</source>
        <translation>nativ</translation>
    </message>
    <message>
        <source>built from %1</source>
        <translation>aus %1 gebildet</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ExportCommand</name>
    <message>
        <source>Write stored candles as CSV or JSON Lines.</source>
        <translation>Gespeicherte Kerzen als CSV oder JSON Lines ausgeben.</translation>
    </message>
    <message>
        <source>csv or jsonl (default jsonl).</source>
        <translation>csv oder jsonl (Standard: jsonl).</translation>
    </message>
    <message>
        <source>unknown format &apos;%1&apos; (use csv or jsonl)</source>
        <translation>unbekanntes Format „%1“ (csv oder jsonl verwenden)</translation>
    </message>
    <message>
        <source>no stored candles for %1; run `candlewick-cli fetch` first</source>
        <translation>keine gespeicherten Kerzen für %1; zuerst `candlewick-cli fetch` ausführen</translation>
    </message>
    <message>
        <source>%1 is not fetched for %2 .. %3</source>
        <translation>%1 ist für %2 .. %3 nicht heruntergeladen</translation>
    </message>
    <message>
        <source>exported %1 candles</source>
        <translation>%1 Kerzen exportiert</translation>
    </message>
    <message>
        <source>exported %1 candles to %2</source>
        <translation>%1 Kerzen nach %2 exportiert</translation>
    </message>
    <message>
        <source>Output file, - for stdout (default). A regular file is replaced only when complete; a pipe or device is written as a stream.</source>
        <translation>Ausgabedatei, - für stdout (Standard). Eine normale Datei wird erst ersetzt, wenn sie vollständig ist; eine Pipe oder ein Gerät wird als Datenstrom beschrieben.</translation>
    </message>
    <message>
        <source>Write the stored trades (record --trades) of --from .. --to instead of candles.</source>
        <translation>Statt Kerzen die gespeicherten Trades (record --trades) von --from .. --to schreiben.</translation>
    </message>
    <message>
        <source>no stored trades for %1 %2; run `candlewick-cli record --trades` first</source>
        <translation>keine gespeicherten Trades für %1 %2; zuerst `candlewick-cli record --trades` ausführen</translation>
    </message>
    <message>
        <source>trades of %1 %2 are not recorded for %3 .. %4</source>
        <translation>Trades von %1 %2 sind für %3 .. %4 nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>exported %1 trades</source>
        <translation>%1 Trades exportiert</translation>
    </message>
    <message>
        <source>exported %1 trades to %2</source>
        <translation>%1 Trades nach %2 exportiert</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::FetchCommand</name>
    <message>
        <source>Download candles into the local database (only what it lacks).</source>
        <translation>Kerzen in die lokale Datenbank herunterladen (nur was ihr fehlt).</translation>
    </message>
    <message>
        <source>cannot get the symbol list of %1: %2</source>
        <translation>kann die Symbolliste von %1 nicht abrufen: %2</translation>
    </message>
    <message>
        <source>unknown symbol %1 on %2 (see `candlewick-cli symbols`)</source>
        <translation>unbekanntes Symbol %1 auf %2 (siehe `candlewick-cli symbols`)</translation>
    </message>
    <message>
        <source>%1: %2 candles stored, %3 requests, %4 s (all cached)</source>
        <translation>%1: %2 Kerzen gespeichert, %3 Anfragen, %4 s (alles zwischengespeichert)</translation>
    </message>
    <message>
        <source>%1: %2 candles stored, %3 requests, %4 s</source>
        <translation>%1: %2 Kerzen gespeichert, %3 Anfragen, %4 s</translation>
    </message>
    <message>
        <source>total: %1 candles stored, %2 requests, %3 s, range %4 .. %5</source>
        <translation>gesamt: %1 Kerzen gespeichert, %2 Anfragen, %3 s, Zeitraum %4 .. %5</translation>
    </message>
    <message>
        <source>nothing to fetch yet: no %1 candle of %2 .. %3 has closed (now %4)</source>
        <translation>noch nichts herunterzuladen: keine %1-Kerze von %2 .. %3 ist geschlossen (jetzt %4)</translation>
    </message>
    <message>
        <source>Where candles come from: auto (whole past days from the exchange&apos;s public archive, the rest over REST), rest or archive. Default: auto.</source>
        <translation>Woher die Kerzen kommen: auto (ganze vergangene Tage aus dem öffentlichen Archiv der Börse, der Rest über REST), rest oder archive. Standard: auto.</translation>
    </message>
    <message>
        <source>unknown --source &apos;%1&apos; (auto, rest or archive)</source>
        <translation>unbekannte --source „%1“ (auto, rest oder archive)</translation>
    </message>
    <message>
        <source>the archive of %1 has no %2 files</source>
        <translation>das Archiv von %1 hat keine %2-Dateien</translation>
    </message>
    <message>
        <source>%1 has no public archive here (with a REST URL of your own, give --archive-url too)</source>
        <translation>%1 hat hier kein öffentliches Archiv (mit einer eigenen REST-URL auch --archive-url angeben)</translation>
    </message>
    <message>
        <source>whole past days come from the public archive %1 (checksummed files)</source>
        <translation>ganze vergangene Tage kommen aus dem öffentlichen Archiv %1 (Dateien mit Prüfsumme)</translation>
    </message>
    <message>
        <source>the public archive has these candles as files: --source auto (or `candlewick-cli import`) is much faster</source>
        <translation>das öffentliche Archiv hat diese Kerzen als Dateien: --source auto (oder `candlewick-cli import`) ist viel schneller</translation>
    </message>
    <message>
        <source>%1; fetching over REST instead</source>
        <translation>%1; stattdessen über REST heruntergeladen</translation>
    </message>
    <message>
        <source>%1: archive: %2</source>
        <translation>%1: Archiv: %2</translation>
    </message>
    <message>
        <source>some archive files could not be imported</source>
        <translation>einige Archivdateien konnten nicht importiert werden</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::FetchEstimate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>large download: %1 candles, about %2 on disk</source>
        <translation>großer Download: %1 Kerzen, etwa %2 auf der Festplatte</translation>
    </message>
    <message>
        <source>large download: %1 candles in %2 requests, about %3 at the request budget of %4 weight per %5, about %6 on disk</source>
        <translation>großer Download: %1 Kerzen in %2 Anfragen, etwa %3 beim Anfragebudget von %4 Gewicht pro %5, etwa %6 auf der Festplatte</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ImportCommand</name>
    <message>
        <source>Import candles from the exchange&apos;s public archive (whole days, checksummed).</source>
        <translation>Kerzen aus dem öffentlichen Archiv der Börse importieren (ganze Tage, mit Prüfsumme).</translation>
    </message>
    <message>
        <source>Import an archive file you downloaded (SYMBOL-INTERVAL-YYYY-MM[-DD].zip; its .CHECKSUM beside it is checked). May be repeated.</source>
        <translation>Eine heruntergeladene Archivdatei importieren (SYMBOL-INTERVALL-JJJJ-MM[-TT].zip; ihre .CHECKSUM daneben wird geprüft). Mehrfach möglich.</translation>
    </message>
    <message>
        <source>%1: %2/%3 files, %4 MB, %5 candles, %6 candles/s</source>
        <translation>%1: %2/%3 Dateien, %4 MB, %5 Kerzen, %6 Kerzen/s</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>warning: %1 (fetched over REST instead)</source>
        <translation>Warnung: %1 (stattdessen über REST heruntergeladen)</translation>
    </message>
    <message>
        <source>%1 files, %2 candles stored, %3 MB, %4 s (%5 candles/s)</source>
        <translation>%1 Dateien, %2 Kerzen gespeichert, %3 MB, %4 s (%5 Kerzen/s)</translation>
    </message>
    <message>
        <source>%1 has no public archive here (with a REST URL of your own, give --archive-url too)</source>
        <translation>%1 hat hier kein öffentliches Archiv (mit einer eigenen REST-URL auch --archive-url angeben)</translation>
    </message>
    <message>
        <source>the archive of %1 has no %2 files (use `candlewick-cli fetch`)</source>
        <translation>das Archiv von %1 hat keine %2-Dateien (`candlewick-cli fetch` verwenden)</translation>
    </message>
    <message>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>%1: no .CHECKSUM beside it, imported without checking</source>
        <translation>%1: keine .CHECKSUM daneben, ohne Prüfung importiert</translation>
    </message>
    <message>
        <source>%1: files not in the archive: %2</source>
        <translation>%1: Dateien, die nicht im Archiv sind: %2</translation>
    </message>
    <message>
        <source>%1: %2 .. %3 is not in a published whole day: left to REST (`candlewick-cli fetch`)</source>
        <translation>%1: %2 .. %3 liegt in keinem veröffentlichten ganzen Tag: bleibt REST überlassen (`candlewick-cli fetch`)</translation>
    </message>
    <message>
        <source>%1: %2 .. %3 is not in the archive: left to REST (`candlewick-cli fetch`)</source>
        <translation>%1: %2 .. %3 ist nicht im Archiv: bleibt REST überlassen (`candlewick-cli fetch`)</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::Options</name>
    <message>
        <source>SQLite database file or postgresql://USER@HOST:PORT/DATABASE URL (default: %1).</source>
        <translation>SQLite-Datenbankdatei oder URL postgresql://BENUTZER@HOST:PORT/DATENBANK (Standard: %1).</translation>
    </message>
    <message>
        <source>Symbol, or a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>Symbol oder eine kommagetrennte Liste (BTCUSDT,ETHUSDT).</translation>
    </message>
    <message>
        <source>Candle interval: 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M (default 1m).</source>
        <translation>Kerzenintervall: 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M (Standard: 1m).</translation>
    </message>
    <message>
        <source>Start, inclusive, UTC (2024-03-01 or 2024-03-01T00:00:00Z).</source>
        <translation>Anfang, einschließlich, UTC (2024-03-01 oder 2024-03-01T00:00:00Z).</translation>
    </message>
    <message>
        <source>End, exclusive, UTC.</source>
        <translation>Ende, ausschließlich, UTC.</translation>
    </message>
    <message>
        <source>unknown exchange &apos;%1&apos; (known: %2)</source>
        <translation>unbekannte Börse „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>invalid symbol &apos;%1&apos;</source>
        <translation>ungültiges Symbol „%1“</translation>
    </message>
    <message>
        <source>--symbol is required (for example --symbol BTCUSDT)</source>
        <translation>--symbol ist erforderlich (zum Beispiel --symbol BTCUSDT)</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos; (use one of %2)</source>
        <translation>unbekanntes Intervall „%1“ (eines von %2 verwenden)</translation>
    </message>
    <message>
        <source>--from and --to are required (UTC, e.g. --from 2024-03-01 --to 2024-06-01)</source>
        <translation>--from und --to sind erforderlich (UTC, z. B. --from 2024-03-01 --to 2024-06-01)</translation>
    </message>
    <message>
        <source>cannot read --from &apos;%1&apos; (use 2024-03-01 or 2024-03-01T00:00:00Z)</source>
        <translation>kann --from „%1“ nicht lesen (2024-03-01 oder 2024-03-01T00:00:00Z verwenden)</translation>
    </message>
    <message>
        <source>cannot read --to &apos;%1&apos; (use 2024-06-01 or 2024-06-01T00:00:00Z)</source>
        <translation>kann --to „%1“ nicht lesen (2024-06-01 oder 2024-06-01T00:00:00Z verwenden)</translation>
    </message>
    <message>
        <source>--to (%1) must be after --from (%2)</source>
        <translation>--to (%1) muss nach --from (%2) liegen</translation>
    </message>
    <message>
        <source>invalid REST URL &apos;%1&apos;</source>
        <translation>ungültige REST-URL „%1“</translation>
    </message>
    <message>
        <source>invalid WebSocket URL &apos;%1&apos;</source>
        <translation>ungültige WebSocket-URL „%1“</translation>
    </message>
    <message>
        <source>--%1 %2 read as milliseconds is %3: seconds? use a date (2024-03-01) or milliseconds (1709251200000)</source>
        <translation>--%1 %2 als Millisekunden gelesen ist %3: Sekunden? ein Datum (2024-03-01) oder Millisekunden (1709251200000) verwenden</translation>
    </message>
    <message>
        <source>--%1 %2 is outside the time candles can have (2009-01-01 .. 2200-01-01)</source>
        <translation>--%1 %2 liegt außerhalb der Zeit, die Kerzen haben können (2009-01-01 .. 2200-01-01)</translation>
    </message>
    <message>
        <source>The exchange&apos;s REST base URL (env CANDLEWICK_&lt;EXCHANGE&gt;_REST_URL; defaults: see `candlewick-cli exchanges`).</source>
        <translation>REST-Basis-URL der Börse (Umgebung CANDLEWICK_&lt;EXCHANGE&gt;_REST_URL; Standardwerte: siehe `candlewick-cli exchanges`).</translation>
    </message>
    <message>
        <source>The exchange&apos;s WebSocket base URL (env CANDLEWICK_&lt;EXCHANGE&gt;_WS_URL; defaults: see `candlewick-cli exchanges`).</source>
        <translation>WebSocket-Basis-URL der Börse (Umgebung CANDLEWICK_&lt;EXCHANGE&gt;_WS_URL; Standardwerte: siehe `candlewick-cli exchanges`).</translation>
    </message>
    <message>
        <source>Exchange: %1 (default %2; %3 needs no network).</source>
        <translation>Börse: %1 (Standard: %2; %3 braucht kein Netzwerk).</translation>
    </message>
    <message>
        <source>--speed must be a factor from %1 to %2 or max, not &apos;%3&apos;</source>
        <translation>--speed muss ein Faktor von %1 bis %2 oder max sein, nicht „%3“</translation>
    </message>
    <message>
        <source>The base URL of the exchange&apos;s public archive (env CANDLEWICK_&lt;EXCHANGE&gt;_ARCHIVE_URL; Binance: https://data.binance.vision, unless --rest-url is another server).</source>
        <translation>Basis-URL des öffentlichen Archivs der Börse (Umgebung CANDLEWICK_&lt;EXCHANGE&gt;_ARCHIVE_URL; Binance: https://data.binance.vision, außer --rest-url ist ein anderer Server).</translation>
    </message>
    <message>
        <source>invalid archive URL &apos;%1&apos;</source>
        <translation>ungültige Archiv-URL „%1“</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos; in %2 (use one of %3)</source>
        <translation>unbekanntes Intervall „%1“ in %2 (eines von %3 verwenden)</translation>
    </message>
    <message>
        <source>%1 is empty (for example %1 1m)</source>
        <translation>%1 ist leer (zum Beispiel %1 1m)</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::OutputFile</name>
    <message>
        <source>it is a directory</source>
        <translation>es ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::PluginOptions</name>
    <message>
        <source>Also look for strategy plugins here (repeatable).</source>
        <translation>Auch hier nach Strategie-Plugins suchen (wiederholbar).</translation>
    </message>
    <message>
        <source>skipped plugin %1: %2</source>
        <translation>Plugin %1 übersprungen: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ProgressPrinter</name>
    <message>
        <source> ETA %1 s</source>
        <translation> Restzeit %1 s</translation>
    </message>
    <message>
        <source>%1 %2% %3 candles %4/s%5</source>
        <translation>%1 %2% %3 Kerzen %4/s%5</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::RebuildCommand</name>
    <message>
        <source>Rebuild candles of any interval from stored trades (--from-trades).</source>
        <translation>Kerzen beliebiger Intervalle aus gespeicherten Trades neu bilden (--from-trades).</translation>
    </message>
    <message>
        <source>Build the candles from the trades `record --trades` stored (the only source so far).</source>
        <translation>Die Kerzen aus den von `record --trades` gespeicherten Trades bilden (bisher die einzige Quelle).</translation>
    </message>
    <message>
        <source>say what to rebuild from: --from-trades</source>
        <translation>Quelle für den Neuaufbau angeben: --from-trades</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos;</source>
        <translation>unbekanntes Intervall „%1“</translation>
    </message>
    <message>
        <source>no stored trades for %1 %2; run `candlewick-cli record --trades` first</source>
        <translation>keine gespeicherten Trades für %1 %2; zuerst `candlewick-cli record --trades` ausführen</translation>
    </message>
    <message>
        <source>trades of %1 are not recorded for %2 .. %3</source>
        <translation>Trades von %1 sind für %2 .. %3 nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>rebuilt %1 candles from trades</source>
        <translation>%1 Kerzen aus Trades neu gebildet</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::RecordCommand</name>
    <message>
        <source>Symbols to record, a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>Aufzuzeichnende Symbole, eine kommagetrennte Liste (BTCUSDT,ETHUSDT).</translation>
    </message>
    <message>
        <source>Several intervals, a comma list (1m,1s); overrides --interval.</source>
        <translation>Mehrere Intervalle, eine kommagetrennte Liste (1m,1s); ersetzt --interval.</translation>
    </message>
    <message>
        <source>Stop after this long: 90s, 10m, 2h (default: until SIGINT/SIGTERM).</source>
        <translation>Nach dieser Dauer beenden: 90s, 10m, 2h (Standard: bis SIGINT/SIGTERM).</translation>
    </message>
    <message>
        <source>Also store the forming candle&apos;s updates (kept apart from closed candles).</source>
        <translation>Auch die Aktualisierungen der sich bildenden Kerze speichern (getrennt von geschlossenen Kerzen).</translation>
    </message>
    <message>
        <source>Print each closed candle on stdout as a JSON line once it is stored.</source>
        <translation>Jede geschlossene Kerze nach dem Speichern als JSON-Zeile auf stdout ausgeben.</translation>
    </message>
    <message>
        <source>Seconds between status lines on stderr (default 5).</source>
        <translation>Sekunden zwischen Statuszeilen auf stderr (Standard: 5).</translation>
    </message>
    <message>
        <source>%1, %2 msg/s, %3 closed stored, %4 gaps backfilled (%5 candles), %6 reconnects, %7 rejected frames, last %8</source>
        <translation>%1, %2 Nachr./s, %3 geschlossene gespeichert, %4 Lücken nachgeladen (%5 Kerzen), %6 Neuverbindungen, %7 abgelehnte Frames, zuletzt %8</translation>
    </message>
    <message>
        <source>Record live candles into the local database, gap-free.</source>
        <translation>Live-Kerzen lückenlos in die lokale Datenbank aufzeichnen.</translation>
    </message>
    <message>
        <source>bad --duration &apos;%1&apos; (use e.g. 90s, 10m, 2h)</source>
        <translation>ungültige --duration „%1“ (z. B. 90s, 10m, 2h verwenden)</translation>
    </message>
    <message>
        <source>bad --status-every (whole seconds, at least 1)</source>
        <translation>ungültiges --status-every (ganze Sekunden, mindestens 1)</translation>
    </message>
    <message>
        <source>cannot write to the database: %1</source>
        <translation>kann nicht in die Datenbank schreiben: %1</translation>
    </message>
    <message>
        <source>%1 x %2 interval(s) into %3 from %4</source>
        <translation>%1 x %2 Intervall(e) nach %3 von %4</translation>
    </message>
    <message>
        <source>recorded %1 closed candles, %2 backfilled, %3 reconnects</source>
        <translation>%1 geschlossene Kerzen aufgezeichnet, %2 nachgeladen, %3 Neuverbindungen</translation>
    </message>
    <message>
        <source>%1 has no live feed</source>
        <translation>%1 hat keinen Live-Feed</translation>
    </message>
    <message>
        <source>Record the symbols&apos; raw trades (id, time, price, size, side) instead of candles; --json prints each stored trade.</source>
        <translation>Statt Kerzen die Roh-Trades der Symbole aufzeichnen (ID, Zeit, Preis, Menge, Seite); --json gibt jeden gespeicherten Trade aus.</translation>
    </message>
    <message>
        <source>%1 has no trade feed</source>
        <translation>%1 hat keinen Trade-Feed</translation>
    </message>
    <message>
        <source>%1, %2 trades stored, %3 losses, %4 reconnects, %5 rejected frames, last %6</source>
        <translation>%1, %2 Trades gespeichert, %3 Verluste, %4 Neuverbindungen, %5 verworfene Frames, zuletzt %6</translation>
    </message>
    <message>
        <source>trades of %1 into %2 from %3</source>
        <translation>Trades von %1 nach %2 aus %3</translation>
    </message>
    <message>
        <source>recorded %1 trades, %2 losses</source>
        <translation>%1 Trades aufgezeichnet, %2 Verluste</translation>
    </message>
    <message>
        <source>, %1 writing, %2 standing by</source>
        <translation>, %1 schreibend, %2 in Bereitschaft</translation>
    </message>
    <message>
        <source>%1 writing</source>
        <translation>%1 schreibend</translation>
    </message>
    <message>
        <source>%1 standing by (another recorder writes it)</source>
        <translation>%1 in Bereitschaft (ein anderer Recorder schreibt sie)</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ReplayCommand</name>
    <message>
        <source>Replay stored candles into a strategy plugin; signals as JSON lines.</source>
        <translation>Gespeicherte Kerzen in ein Strategie-Plugin einspielen; Signale als JSON-Zeilen.</translation>
    </message>
    <message>
        <source>Strategy plugin name (see `strategies`).</source>
        <translation>Name des Strategie-Plugins (siehe `strategies`).</translation>
    </message>
    <message>
        <source>A strategy parameter, name=value (repeatable).</source>
        <translation>Ein Strategieparameter, name=wert (wiederholbar).</translation>
    </message>
    <message>
        <source>replay takes one --symbol, not %1</source>
        <translation>replay nimmt ein einziges --symbol, nicht %1</translation>
    </message>
    <message>
        <source>--strategy is required (see `candlewick-cli strategies`)</source>
        <translation>--strategy ist erforderlich (siehe `candlewick-cli strategies`)</translation>
    </message>
    <message>
        <source>unknown strategy &apos;%1&apos; (found: %2; searched %3)</source>
        <translation>unbekannte Strategie „%1“ (gefunden: %2; durchsucht: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>no stored candles for %1 in that range; run `candlewick-cli fetch` first</source>
        <translation>keine gespeicherten Kerzen für %1 in diesem Zeitraum; zuerst `candlewick-cli fetch` ausführen</translation>
    </message>
    <message>
        <source>Replay speed: a factor from %1 to %2 (1 = real time, 60, 10000) or max (default).</source>
        <translation>Wiedergabegeschwindigkeit: ein Faktor von %1 bis %2 (1 = Echtzeit, 60, 10000) oder max (Standard).</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ServeCommand</name>
    <message>
        <source>Serve stored candles as a Binance-compatible local exchange (REST + WebSocket).</source>
        <translation>Gespeicherte Kerzen als Binance-kompatible lokale Börse bereitstellen (REST + WebSocket).</translation>
    </message>
    <message>
        <source>With --live: the intervals to record, a comma list (default 1m).</source>
        <translation>Mit --live: die aufzuzeichnenden Intervalle, eine kommagetrennte Liste (Standard: 1m).</translation>
    </message>
    <message>
        <source>TCP port (default 0: any free port).</source>
        <translation>TCP-Port (Standard: 0, ein beliebiger freier Port).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1; anything else is reachable from other machines).</source>
        <translation>Adresse, auf der gelauscht wird (Standard: 127.0.0.1; jede andere ist von anderen Rechnern erreichbar).</translation>
    </message>
    <message>
        <source>Require this value in the X-Candlewick-Token header of every request.</source>
        <translation>Diesen Wert im Header X-Candlewick-Token jeder Anfrage verlangen.</translation>
    </message>
    <message>
        <source>Most connections at once, REST and WebSocket (default 64).</source>
        <translation>Höchstzahl gleichzeitiger Verbindungen, REST und WebSocket (Standard: 64).</translation>
    </message>
    <message>
        <source>Record these symbols live (a comma list) and stream them to the clients.</source>
        <translation>Diese Symbole live aufzeichnen (kommagetrennte Liste) und an die Clients streamen.</translation>
    </message>
    <message>
        <source>Replay stored candles; the server&apos;s clock is the replay&apos;s.</source>
        <translation>Gespeicherte Kerzen wiedergeben; die Uhr des Servers ist die der Wiedergabe.</translation>
    </message>
    <message>
        <source>Replay speed: a factor (1 = real time, 600) or max (default 1).</source>
        <translation>Wiedergabegeschwindigkeit: ein Faktor (1 = Echtzeit, 600) oder max (Standard: 1).</translation>
    </message>
    <message>
        <source>Start the replay paused.</source>
        <translation>Die Wiedergabe pausiert starten.</translation>
    </message>
    <message>
        <source>Replay only these symbols (default: every stored series in the range).</source>
        <translation>Nur diese Symbole wiedergeben (Standard: jede gespeicherte Reihe im Zeitraum).</translation>
    </message>
    <message>
        <source>bad --bind &apos;%1&apos; (an IP address, e.g. 127.0.0.1)</source>
        <translation>ungültiges --bind „%1“ (eine IP-Adresse, z. B. 127.0.0.1)</translation>
    </message>
    <message>
        <source>bad --port (0 to 65535)</source>
        <translation>ungültiger --port (0 bis 65535)</translation>
    </message>
    <message>
        <source>bad --max-clients (1 to 100000)</source>
        <translation>ungültiges --max-clients (1 bis 100000)</translation>
    </message>
    <message>
        <source>--replay and --live cannot be combined</source>
        <translation>--replay und --live lassen sich nicht kombinieren</translation>
    </message>
    <message>
        <source>no stored candles of %1 in that range; run `candlewick-cli fetch` first</source>
        <translation>keine gespeicherten Kerzen von %1 in diesem Zeitraum; zuerst `candlewick-cli fetch` ausführen</translation>
    </message>
    <message>
        <source>%1 has no live feed</source>
        <translation>%1 hat keinen Live-Feed</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>kann nicht auf %1:%2 lauschen: %3</translation>
    </message>
    <message>
        <source>listening on %1: reachable from other machines%2</source>
        <translation>lausche auf %1: von anderen Rechnern erreichbar%2</translation>
    </message>
    <message>
        <source>; without --token the control endpoints stay closed</source>
        <translation>; ohne --token bleiben die Steuerungsendpunkte geschlossen</translation>
    </message>
    <message>
        <source>cannot write to the database: %1</source>
        <translation>kann nicht in die Datenbank schreiben: %1</translation>
    </message>
    <message>
        <source>%1 on port %2 from %3</source>
        <translation>%1 auf Port %2 aus %3</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>stored candles</source>
        <translation>gespeicherte Kerzen</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::StrategiesCommand</name>
    <message>
        <source>List the strategy plugins found and their parameters.</source>
        <translation>Gefundene Strategie-Plugins und ihre Parameter auflisten.</translation>
    </message>
    <message>
        <source>One JSON object per strategy.</source>
        <translation>Ein JSON-Objekt je Strategie.</translation>
    </message>
    <message>
        <source>no strategy plugins found in: %1</source>
        <translation>keine Strategie-Plugins gefunden in: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::SymbolsCommand</name>
    <message>
        <source>List the exchange&apos;s tradable symbols.</source>
        <translation>Die handelbaren Symbole der Börse auflisten.</translation>
    </message>
    <message>
        <source>Only symbols quoted in this asset (USDT).</source>
        <translation>Nur Symbole, die in diesem Asset notiert sind (USDT).</translation>
    </message>
    <message>
        <source>Include symbols that are not trading.</source>
        <translation>Auch Symbole einschließen, die nicht gehandelt werden.</translation>
    </message>
    <message>
        <source>Download the list even if the cached one is fresh.</source>
        <translation>Die Liste auch dann herunterladen, wenn die zwischengespeicherte aktuell ist.</translation>
    </message>
    <message>
        <source>cannot get the symbol list of %1: %2</source>
        <translation>kann die Symbolliste von %1 nicht abrufen: %2</translation>
    </message>
    <message>
        <source>%1 symbols</source>
        <translation>%1 Symbole</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::WatchCommand</name>
    <message>
        <source>Print closed candles as JSON lines the moment they are stored.</source>
        <translation>Geschlossene Kerzen als JSON-Zeilen ausgeben, sobald sie gespeichert sind.</translation>
    </message>
    <message>
        <source>Symbols to watch, a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>Zu beobachtende Symbole, eine kommagetrennte Liste (BTCUSDT,ETHUSDT).</translation>
    </message>
    <message>
        <source>First print the stored candles from this time (UTC, inclusive), then continue live.</source>
        <translation>Zuerst die gespeicherten Kerzen ab diesem Zeitpunkt ausgeben (UTC, einschließlich), dann live weitermachen.</translation>
    </message>
    <message>
        <source>Milliseconds between checks of the database for new commits (default 20; PostgreSQL notifies commits instead).</source>
        <translation>Millisekunden zwischen Prüfungen der Datenbank auf neue Commits (Standard: 20; PostgreSQL meldet Commits stattdessen).</translation>
    </message>
    <message>
        <source>bad --from &apos;%1&apos; (use 2024-03-01, 2024-03-01T12:00:00Z or ms)</source>
        <translation>ungültiges --from „%1“ (2024-03-01, 2024-03-01T12:00:00Z oder ms verwenden)</translation>
    </message>
    <message>
        <source>bad --poll-ms (1 to 60000)</source>
        <translation>ungültiges --poll-ms (1 bis 60000)</translation>
    </message>
    <message>
        <source>%1 %2 in %3</source>
        <translation>%1 %2 in %3</translation>
    </message>
    <message>
        <source>cannot read the database: %1</source>
        <translation>kann die Datenbank nicht lesen: %1</translation>
    </message>
</context>
</TS>
