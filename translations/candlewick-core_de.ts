<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Candlewick::BinanceArchive</name>
    <message>
        <source>%1 is not named like a kline file of the Binance archive (SYMBOL-INTERVAL-YYYY-MM.zip or SYMBOL-INTERVAL-YYYY-MM-DD.zip)</source>
        <translation>%1 ist nicht wie eine Kline-Datei des Binance-Archivs benannt (SYMBOL-INTERVALL-JJJJ-MM.zip oder SYMBOL-INTERVALL-JJJJ-MM-TT.zip)</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: keine solche Datei</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveChecksum</name>
    <message>
        <source>not a checksum file (expected &quot;&lt;sha256&gt;  %1&quot;)</source>
        <translation>keine Prüfsummendatei (erwartet „&lt;sha256&gt;  %1“)</translation>
    </message>
    <message>
        <source>the checksum is for %1, not %2</source>
        <translation>die Prüfsumme gilt für %1, nicht für %2</translation>
    </message>
    <message>
        <source>checksum mismatch: SHA-256 %1, the .CHECKSUM says %2</source>
        <translation>Prüfsumme stimmt nicht: SHA-256 %1, die .CHECKSUM sagt %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveCsv</name>
    <message>
        <source>open time is not an integer</source>
        <translation>die Eröffnungszeit ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>field %1 is not a decimal number</source>
        <translation>Feld %1 ist keine Dezimalzahl</translation>
    </message>
    <message>
        <source>close time is not an integer</source>
        <translation>die Schlusszeit ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>field 8 (trades) is not an integer</source>
        <translation>Feld 8 (Trades) ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>fields 9 and 10 are not decimal numbers</source>
        <translation>Felder 9 und 10 sind keine Dezimalzahlen</translation>
    </message>
    <message>
        <source>not a kline row</source>
        <translation>keine Kline-Zeile</translation>
    </message>
    <message>
        <source>open time %1 outside the file&apos;s range</source>
        <translation>Eröffnungszeit %1 außerhalb des Zeitraums der Datei</translation>
    </message>
    <message>
        <source>open time %1 not after the previous row&apos;s</source>
        <translation>Eröffnungszeit %1 nicht nach der der vorigen Zeile</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>%1 fields, expected %2</source>
        <translation>%1 Felder, erwartet %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveJob</name>
    <message>
        <source>cannot create a temporary directory for the downloads: %1</source>
        <translation>kann kein temporäres Verzeichnis für die Downloads anlegen: %1</translation>
    </message>
    <message>
        <source>cannot reach the archive %1: %2</source>
        <translation>das Archiv %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1: invalid candles skipped: %2 (%3)</source>
        <translation>%1: ungültige Kerzen übersprungen: %2 (%3)</translation>
    </message>
    <message>
        <source>archive files that could not be imported: %1</source>
        <translation>Archivdateien, die nicht importiert werden konnten: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveZip</name>
    <message>
        <source>invalid deflate block</source>
        <translation>ungültiger Deflate-Block</translation>
    </message>
    <message>
        <source>invalid deflate symbol</source>
        <translation>ungültiges Deflate-Symbol</translation>
    </message>
    <message>
        <source>invalid deflate distance</source>
        <translation>ungültige Deflate-Distanz</translation>
    </message>
    <message>
        <source>deflate error %1</source>
        <translation>Deflate-Fehler %1</translation>
    </message>
    <message>
        <source>not a readable zip file (%1)</source>
        <translation>keine lesbare ZIP-Datei (%1)</translation>
    </message>
    <message>
        <source>%1 entries in the zip, expected one CSV</source>
        <translation>%1 Einträge in der ZIP-Datei, erwartet war eine CSV</translation>
    </message>
    <message>
        <source>cannot read %1 in the zip (%2)</source>
        <translation>kann %1 in der ZIP-Datei nicht lesen (%2)</translation>
    </message>
    <message>
        <source>cannot read %1 in the zip (compression method %2%3)</source>
        <translation>kann %1 in der ZIP-Datei nicht lesen (Kompressionsverfahren %2%3)</translation>
    </message>
    <message>
        <source>, encrypted</source>
        <translation>, verschlüsselt</translation>
    </message>
    <message>
        <source>the compressed data of %1 ends early</source>
        <translation>die komprimierten Daten von %1 enden zu früh</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, the zip says %3</source>
        <translation>%1 hat %2 Bytes, die ZIP-Datei sagt %3</translation>
    </message>
    <message>
        <source>CRC error in %1</source>
        <translation>CRC-Fehler in %1</translation>
    </message>
    <message>
        <source>damaged zip: %1</source>
        <translation>beschädigte ZIP-Datei: %1</translation>
    </message>
    <message>
        <source>the download stopped</source>
        <translation>der Download brach ab</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceErrors</name>
    <message>
        <source>Binance banned this IP for %1 s for sending requests while rate limited (HTTP 418): wait, then run fewer downloads at once</source>
        <translation>Binance hat diese IP für %1 s gesperrt, weil trotz Ratenbegrenzung Anfragen gesendet wurden (HTTP 418): warten, dann weniger Downloads gleichzeitig ausführen</translation>
    </message>
    <message>
        <source>Binance rate limit reached (HTTP %1): wait %2 s before retrying</source>
        <translation>Ratenbegrenzung von Binance erreicht (HTTP %1): %2 s warten, bevor es erneut versucht wird</translation>
    </message>
    <message>
        <source>Binance refused access (HTTP 403, firewall or region block): check your network or VPN, or point --rest-url at another endpoint such as https://data-api.binance.vision</source>
        <translation>Binance verweigert den Zugriff (HTTP 403, Firewall oder Regionssperre): Netzwerk oder VPN prüfen oder --rest-url auf einen anderen Endpunkt wie https://data-api.binance.vision setzen</translation>
    </message>
    <message>
        <source>Binance server error (HTTP %1%2): the exchange is having trouble; try again later</source>
        <translation>Serverfehler bei Binance (HTTP %1%2): die Börse hat Probleme; später erneut versuchen</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on Binance: check the spelling or run `candlewick-cli symbols`</source>
        <translation>Unbekanntes Symbol %1 auf Binance: die Schreibweise prüfen oder `candlewick-cli symbols` ausführen</translation>
    </message>
    <message>
        <source>Binance does not accept interval %1: use one of 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M</source>
        <translation>Binance akzeptiert das Intervall %1 nicht: eines von 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M verwenden</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) a Binance-compatible API?</source>
        <translation>HTTP 404 für %1: ist die REST-Basis-URL (--rest-url) eine Binance-kompatible API?</translation>
    </message>
    <message>
        <source>Binance rejected the request (HTTP %1, %2): check the symbol, interval and time range</source>
        <translation>Binance hat die Anfrage abgelehnt (HTTP %1, %2): Symbol, Intervall und Zeitraum prüfen</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(leerer Inhalt)</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>Code %1: %2</translation>
    </message>
    <message>
        <source>Unexpected HTTP %1 from %2: %3</source>
        <translation>Unerwartetes HTTP %1 von %2: %3</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceRestProvider</name>
    <message>
        <source>exchangeInfo without REQUEST_WEIGHT rate limits</source>
        <translation>exchangeInfo ohne REQUEST_WEIGHT-Ratenlimits</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceSymbolsJob</name>
    <message>
        <source>exchangeInfo is not a JSON object</source>
        <translation>exchangeInfo ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>exchangeInfo has no symbols array</source>
        <translation>exchangeInfo hat kein symbols-Array</translation>
    </message>
    <message>
        <source>a symbol entry has no name</source>
        <translation>ein Symboleintrag hat keinen Namen</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitApi</name>
    <message>
        <source>not a Bybit v5 response (no retCode): %1</source>
        <translation>keine Bybit-v5-Antwort (kein retCode): %1</translation>
    </message>
    <message>
        <source>unexpected data after the response</source>
        <translation>unerwartete Daten nach der Antwort</translation>
    </message>
    <message>
        <source>instruments-info result without a list</source>
        <translation>instruments-info-Ergebnis ohne Liste</translation>
    </message>
    <message>
        <source>an instrument has no symbol</source>
        <translation>ein Instrument hat kein Symbol</translation>
    </message>
    <message>
        <source>Bybit refused access (HTTP 403: too many requests from this IP, or a blocked region): Bybit bans an IP for at least 10 minutes, nothing is sent before then%1</source>
        <translation>Bybit verweigert den Zugriff (HTTP 403: zu viele Anfragen von dieser IP oder gesperrte Region): Bybit sperrt eine IP für mindestens 10 Minuten, bis dahin wird nichts gesendet%1</translation>
    </message>
    <message>
        <source>Bybit system frequency protection (HTTP 429): retrying later</source>
        <translation>Frequenzschutz des Bybit-Systems (HTTP 429): später erneuter Versuch</translation>
    </message>
    <message>
        <source>Bybit server error (HTTP %1): the exchange is having trouble, try again later</source>
        <translation>Serverfehler bei Bybit (HTTP %1): die Börse hat Probleme, später erneut versuchen</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) a Bybit v5 API?</source>
        <translation>HTTP 404 für %1: ist die REST-Basis-URL (--rest-url) eine Bybit-v5-API?</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(leerer Inhalt)</translation>
    </message>
    <message>
        <source>Bad response from %1: %2</source>
        <translation>Fehlerhafte Antwort von %1: %2</translation>
    </message>
    <message>
        <source>Bybit rate limit reached (retCode 10006, %1)</source>
        <translation>Ratenbegrenzung von Bybit erreicht (retCode 10006, %1)</translation>
    </message>
    <message>
        <source>Bybit server error (retCode %1, %2): try again later</source>
        <translation>Serverfehler bei Bybit (retCode %1, %2): später erneut versuchen</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on Bybit (%2): check the spelling or run `candlewick-cli symbols`</source>
        <translation>Unbekanntes Symbol %1 auf Bybit (%2): die Schreibweise prüfen oder `candlewick-cli symbols` ausführen</translation>
    </message>
    <message>
        <source>Bybit does not accept interval %1 (%2)</source>
        <translation>Bybit akzeptiert das Intervall %1 nicht (%2)</translation>
    </message>
    <message>
        <source>Bybit rejected the request to %1 (retCode %2: %3)</source>
        <translation>Bybit hat die Anfrage an %1 abgelehnt (retCode %2: %3)</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>kline push without a data array</source>
        <translation>Kline-Push ohne data-Array</translation>
    </message>
    <message>
        <source>kline push entry is malformed</source>
        <translation>Kline-Push-Eintrag ist fehlerhaft</translation>
    </message>
    <message>
        <source>kline push entry starts at an absurd time</source>
        <translation>Kline-Push-Eintrag beginnt zu einer absurden Zeit</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>Unexpected HTTP %1 from %2: %3</source>
        <translation>Unerwartetes HTTP %1 von %2: %3</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitHistoryJob</name>
    <message>
        <source>Bybit has no %1 candles</source>
        <translation>Bybit hat keine %1-Kerzen</translation>
    </message>
    <message>
        <source>Bad kline response from Bybit: %1</source>
        <translation>Fehlerhafte Kline-Antwort von Bybit: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitKlinesParser</name>
    <message>
        <source>kline row %1 is not an array</source>
        <translation>Kline-Zeile %1 ist kein Array</translation>
    </message>
    <message>
        <source>kline row %1 is not seven numbers as strings</source>
        <translation>Kline-Zeile %1 sind nicht sieben Zahlen als Strings</translation>
    </message>
    <message>
        <source>kline row %1 has %2 fields, expected 7</source>
        <translation>Kline-Zeile %1 hat %2 Felder, erwartet 7</translation>
    </message>
    <message>
        <source>kline row %1 starts at an absurd time</source>
        <translation>Kline-Zeile %1 beginnt zu einer absurden Zeit</translation>
    </message>
    <message>
        <source>kline rows are not newest first</source>
        <translation>Kline-Zeilen sind nicht absteigend nach Zeit sortiert</translation>
    </message>
    <message>
        <source>not a Bybit v5 response</source>
        <translation>keine Bybit-v5-Antwort</translation>
    </message>
    <message>
        <source>not a Bybit v5 response (retCode)</source>
        <translation>keine Bybit-v5-Antwort (retCode)</translation>
    </message>
    <message>
        <source>kline result is not an object</source>
        <translation>Kline-Ergebnis ist kein Objekt</translation>
    </message>
    <message>
        <source>kline result without a list</source>
        <translation>Kline-Ergebnis ohne Liste</translation>
    </message>
    <message>
        <source>unexpected data after the response</source>
        <translation>unerwartete Daten nach der Antwort</translation>
    </message>
    <message>
        <source>not a successful Bybit v5 response (retCode)</source>
        <translation>keine erfolgreiche Bybit-v5-Antwort (retCode)</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitLiveFeed</name>
    <message>
        <source>Bybit has no %1 candles: %2 not subscribed</source>
        <translation>Bybit hat keine %1-Kerzen: %2 nicht abonniert</translation>
    </message>
    <message>
        <source>No kline from Bybit for %1 s: reconnecting</source>
        <translation>Seit %1 s keine Kline von Bybit: verbinde neu</translation>
    </message>
    <message>
        <source>Bybit sent a malformed message: %1</source>
        <translation>Bybit hat eine fehlerhafte Nachricht gesendet: %1</translation>
    </message>
    <message>
        <source>Bybit refused %1: %2</source>
        <translation>Bybit hat %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Bybit WebSocket %1 closed</source>
        <translation>Bybit-WebSocket %1 geschlossen</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitSymbolsJob</name>
    <message>
        <source>Bad instruments-info response from Bybit: %1</source>
        <translation>Fehlerhafte instruments-info-Antwort von Bybit: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleDatabase</name>
    <message>
        <source>Unsupported database URL scheme &apos;%1&apos; (use a file path or postgresql://USER@HOST:PORT/DATABASE)</source>
        <translation>Nicht unterstütztes Datenbank-URL-Schema „%1“ (Dateipfad oder postgresql://BENUTZER@HOST:PORT/DATENBANK verwenden)</translation>
    </message>
    <message>
        <source>Database is already open read-only in this process (%1)</source>
        <translation>Die Datenbank ist in diesem Prozess bereits schreibgeschützt geöffnet (%1)</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleValidation</name>
    <message>
        <source>%1 %2 outside 2009-01-01 .. 2200-01-01</source>
        <translation>%1 %2 außerhalb von 2009-01-01 .. 2200-01-01</translation>
    </message>
    <message>
        <source>non-finite value at %1</source>
        <translation>nicht endlicher Wert bei %1</translation>
    </message>
    <message>
        <source>non-positive price at %1</source>
        <translation>nicht positiver Preis bei %1</translation>
    </message>
    <message>
        <source>low above open/close at %1</source>
        <translation>Tief über Eröffnung/Schluss bei %1</translation>
    </message>
    <message>
        <source>high below open/close at %1</source>
        <translation>Hoch unter Eröffnung/Schluss bei %1</translation>
    </message>
    <message>
        <source>negative volume or trade count at %1</source>
        <translation>negatives Volumen oder negative Handelsanzahl bei %1</translation>
    </message>
    <message>
        <source>open time %1 not aligned to %2</source>
        <translation>Eröffnungszeit %1 nicht auf %2 ausgerichtet</translation>
    </message>
    <message>
        <source>open time</source>
        <translation>Eröffnungszeit</translation>
    </message>
    <message>
        <source>close time</source>
        <translation>Schlusszeit</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleWatcher</name>
    <message>
        <source>cannot read %1</source>
        <translation>kann %1 nicht lesen</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>kann %1 nicht lesen: %2</translation>
    </message>
    <message>
        <source>the database is not open</source>
        <translation>die Datenbank ist nicht geöffnet</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseApi</name>
    <message>
        <source>not a JSON object: %1</source>
        <translation>kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>no candles array: %1</source>
        <translation>kein candles-Array: %1</translation>
    </message>
    <message>
        <source>candle %1 is not a start time and five numbers as strings</source>
        <translation>Kerze %1 ist nicht eine Startzeit und fünf Zahlen als Strings</translation>
    </message>
    <message>
        <source>two candles start at %1</source>
        <translation>zwei Kerzen beginnen bei %1</translation>
    </message>
    <message>
        <source>no products array: %1</source>
        <translation>kein products-Array: %1</translation>
    </message>
    <message>
        <source>a product has no product_id</source>
        <translation>ein Produkt hat keine product_id</translation>
    </message>
    <message>
        <source>Coinbase throttled the request (HTTP %1%2): retrying later</source>
        <translation>Coinbase hat die Anfrage gedrosselt (HTTP %1%2): später erneuter Versuch</translation>
    </message>
    <message>
        <source>Coinbase server error (HTTP %1): the exchange is having trouble, try again later</source>
        <translation>Serverfehler bei Coinbase (HTTP %1): die Börse hat Probleme, später erneut versuchen</translation>
    </message>
    <message>
        <source>Unknown product %1 on Coinbase (%2): check the spelling (BTC-USD) or run `candlewick-cli symbols`</source>
        <translation>Unbekanntes Produkt %1 auf Coinbase (%2): die Schreibweise (BTC-USD) prüfen oder `candlewick-cli symbols` ausführen</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) the Coinbase Advanced Trade API?</source>
        <translation>HTTP 404 für %1: ist die REST-Basis-URL (--rest-url) die Coinbase-Advanced-Trade-API?</translation>
    </message>
    <message>
        <source>Coinbase does not accept interval %1 (%2)</source>
        <translation>Coinbase akzeptiert das Intervall %1 nicht (%2)</translation>
    </message>
    <message>
        <source>Coinbase rejected the request to %1 (HTTP %2: %3)</source>
        <translation>Coinbase hat die Anfrage an %1 abgelehnt (HTTP %2: %3)</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(leerer Inhalt)</translation>
    </message>
    <message>
        <source>sequence_num is not a whole number</source>
        <translation>sequence_num ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>market_trades message without events</source>
        <translation>market_trades-Nachricht ohne Events</translation>
    </message>
    <message>
        <source>market_trades event without trades</source>
        <translation>market_trades-Event ohne Trades</translation>
    </message>
    <message>
        <source>a market_trades trade is malformed</source>
        <translation>ein market_trades-Trade ist fehlerhaft</translation>
    </message>
    <message>
        <source>market_trades message without a timestamp</source>
        <translation>market_trades-Nachricht ohne Zeitstempel</translation>
    </message>
    <message>
        <source>heartbeat without a timestamp</source>
        <translation>Heartbeat ohne Zeitstempel</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseHistoryJob</name>
    <message>
        <source>Coinbase has no %1 candles</source>
        <translation>Coinbase hat keine %1-Kerzen</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseTradeFeed</name>
    <message>
        <source>Coinbase WebSocket connection lost; reconnecting</source>
        <translation>Coinbase-WebSocket-Verbindung verloren; neue Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <source>Coinbase WebSocket silent for %1 s; reconnecting</source>
        <translation>Coinbase-WebSocket seit %1 s still; neue Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <source>Coinbase sent a malformed message (%1)</source>
        <translation>Coinbase hat eine fehlerhafte Nachricht gesendet (%1)</translation>
    </message>
    <message>
        <source>Coinbase refused a request: %1</source>
        <translation>Coinbase hat eine Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>Coinbase sent a trade with an unreadable price or size</source>
        <translation>Coinbase hat einen Trade mit unlesbarem Preis oder unlesbarer Menge gesendet</translation>
    </message>
    <message>
        <source>Coinbase messages were lost (sequence %1 after %2); the minutes are taken from history</source>
        <translation>Coinbase-Nachrichten gingen verloren (Sequenz %1 nach %2); die Minuten werden aus der Historie geholt</translation>
    </message>
</context>
<context>
    <name>Candlewick::ConnectionState</name>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>Verbinde neu</translation>
    </message>
    <message>
        <source>Backfilling</source>
        <translation>Fülle Lücken</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>Candlewick::ExchangeRestCall</name>
    <message>
        <source>%1 did not answer %2 in time</source>
        <translation>%1 hat %2 nicht rechtzeitig beantwortet</translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3</source>
        <translation>Kann %1 unter %2 nicht erreichen: %3</translation>
    </message>
    <message>
        <source>Bad response from %1: %2</source>
        <translation>Fehlerhafte Antwort von %1: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::GapFreeFeed</name>
    <message>
        <source>backfilling %1 from %2 to %3</source>
        <translation>lade %1 von %2 bis %3 nach</translation>
    </message>
    <message>
        <source>backfill of %1 failed: %2</source>
        <translation>Nachladen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>giving up on the gap in %1 before %2</source>
        <translation>gebe die Lücke in %1 vor %2 auf</translation>
    </message>
</context>
<context>
    <name>Candlewick::Job</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>Candlewick::KlineEventParser</name>
    <message>
        <source>trade of %1 does not match stream %2</source>
        <translation>Trade von %1 passt nicht zum Stream %2</translation>
    </message>
    <message>
        <source>unknown event &quot;%1&quot;</source>
        <translation>unbekanntes Event „%1“</translation>
    </message>
    <message>
        <source>unknown interval &quot;%1&quot;</source>
        <translation>unbekanntes Intervall „%1“</translation>
    </message>
    <message>
        <source>payload %1 %2 does not match stream %3</source>
        <translation>Nutzdaten %1 %2 passen nicht zum Stream %3</translation>
    </message>
    <message>
        <source>close time %1 does not fit open time %2</source>
        <translation>Schlusszeit %1 passt nicht zur Eröffnungszeit %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::KlinesParser</name>
    <message>
        <source>number out of range</source>
        <translation>Zahl außerhalb des Wertebereichs</translation>
    </message>
    <message>
        <source>not a decimal number: &quot;%1&quot;</source>
        <translation>keine Dezimalzahl: „%1“</translation>
    </message>
    <message>
        <source>expected a decimal string</source>
        <translation>Dezimalzahl als String erwartet</translation>
    </message>
    <message>
        <source>expected an integer</source>
        <translation>ganze Zahl erwartet</translation>
    </message>
    <message>
        <source>not a 64-bit integer</source>
        <translation>keine 64-Bit-Ganzzahl</translation>
    </message>
    <message>
        <source>expected a JSON array of klines</source>
        <translation>JSON-Array von Klines erwartet</translation>
    </message>
    <message>
        <source>row %1 is not an array</source>
        <translation>Zeile %1 ist kein Array</translation>
    </message>
    <message>
        <source>invalid JSON at row %1: %2</source>
        <translation>ungültiges JSON in Zeile %1: %2</translation>
    </message>
    <message>
        <source>unexpected data after the klines array</source>
        <translation>unerwartete Daten nach dem Kline-Array</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>row %1, field %2 (%3): %4</source>
        <translation>Zeile %1, Feld %2 (%3): %4</translation>
    </message>
    <message>
        <source>row %1 has %2 fields, expected %3</source>
        <translation>Zeile %1 hat %2 Felder, erwartet %3</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxErrors</name>
    <message>
        <source>OKX rate limit reached (%1): wait a little before retrying</source>
        <translation>Ratenbegrenzung von OKX erreicht (%1): etwas warten, bevor es erneut versucht wird</translation>
    </message>
    <message>
        <source>OKX server error (%1): the exchange is having trouble; try again later</source>
        <translation>Serverfehler bei OKX (%1): die Börse hat Probleme; später erneut versuchen</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on OKX: check the spelling or run `candlewick-cli symbols --exchange okx`</source>
        <translation>Unbekanntes Symbol %1 auf OKX: die Schreibweise prüfen oder `candlewick-cli symbols --exchange okx` ausführen</translation>
    </message>
    <message>
        <source>OKX does not accept bar %1 (%2)</source>
        <translation>OKX akzeptiert den Bar %1 nicht (%2)</translation>
    </message>
    <message>
        <source>OKX refused access (HTTP 403, firewall or region block): check your network, or point --rest-url at a regional host</source>
        <translation>OKX verweigert den Zugriff (HTTP 403, Firewall oder Regionssperre): Netzwerk prüfen oder --rest-url auf einen regionalen Host setzen</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) the OKX API?</source>
        <translation>HTTP 404 für %1: ist die REST-Basis-URL (--rest-url) die OKX-API?</translation>
    </message>
    <message>
        <source>OKX rejected the request (HTTP %1, %2): check the symbol, interval and time range</source>
        <translation>OKX hat die Anfrage abgelehnt (HTTP %1, %2): Symbol, Intervall und Zeitraum prüfen</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>Code %1: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxHistoryJob</name>
    <message>
        <source>OKX has no native %1 candles</source>
        <translation>OKX hat keine nativen %1-Kerzen</translation>
    </message>
    <message>
        <source>OKX sent malformed candles for %1: %2</source>
        <translation>OKX hat fehlerhafte Kerzen für %1 gesendet: %2</translation>
    </message>
    <message>
        <source>OKX answered rows not older than `after` for %1</source>
        <translation>OKX hat für %1 Zeilen geliefert, die nicht älter als `after` sind</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxLiveFeed</name>
    <message>
        <source>OKX streams no %1 candles: %2 is not recorded live</source>
        <translation>OKX streamt keine %1-Kerzen: %2 wird nicht live aufgezeichnet</translation>
    </message>
    <message>
        <source>OKX WebSocket %1 closed; reconnecting in %2 ms</source>
        <translation>OKX-WebSocket %1 geschlossen; verbinde in %2 ms neu</translation>
    </message>
    <message>
        <source>OKX WebSocket: no pong; reconnecting</source>
        <translation>OKX-WebSocket: kein Pong; verbinde neu</translation>
    </message>
    <message>
        <source>OKX refused a request: code %1: %2</source>
        <translation>OKX hat eine Anfrage abgelehnt: Code %1: %2</translation>
    </message>
    <message>
        <source>OKX sent a malformed candle for %1: %2</source>
        <translation>OKX hat eine fehlerhafte Kerze für %1 gesendet: %2</translation>
    </message>
    <message>
        <source>OKX %1: dropped a candle: %2</source>
        <translation>OKX %1: eine Kerze verworfen: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxParser</name>
    <message>
        <source>not an OKX envelope (no string code)</source>
        <translation>keine OKX-Hülle (kein code als String)</translation>
    </message>
    <message>
        <source>no data array</source>
        <translation>kein data-Array</translation>
    </message>
    <message>
        <source>a candle row is not an array of 9 strings</source>
        <translation>eine Kerzenzeile ist kein Array aus 9 Strings</translation>
    </message>
    <message>
        <source>a candle row has a field that is not a number string</source>
        <translation>eine Kerzenzeile hat ein Feld, das kein Zahlen-String ist</translation>
    </message>
    <message>
        <source>a candle row has confirm %1, not &quot;0&quot; or &quot;1&quot;</source>
        <translation>eine Kerzenzeile hat confirm %1, nicht „0“ oder „1“</translation>
    </message>
    <message>
        <source>an instrument has no instId</source>
        <translation>ein Instrument hat keine instId</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxRestProvider</name>
    <message>
        <source>OKX sent a malformed answer to %1: %2</source>
        <translation>OKX hat eine fehlerhafte Antwort auf %1 gesendet: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxSymbolsJob</name>
    <message>
        <source>OKX sent a malformed instrument list: %1</source>
        <translation>OKX hat eine fehlerhafte Instrumentenliste gesendet: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::PostgresCandleStore</name>
    <message>
        <source>Cannot write candles for %1</source>
        <translation>Kann keine Kerzen für %1 schreiben</translation>
    </message>
    <message>
        <source>Database is not open</source>
        <translation>Die Datenbank ist nicht geöffnet</translation>
    </message>
    <message>
        <source>Lost the connection to the PostgreSQL server</source>
        <translation>Die Verbindung zum PostgreSQL-Server ist verloren</translation>
    </message>
    <message>
        <source>Database is open read-only</source>
        <translation>Die Datenbank ist schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <source>Not a usable Candlewick database</source>
        <translation>Keine verwendbare Candlewick-Datenbank</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it holds other tables; it is left unchanged)</source>
        <translation>Keine Candlewick-Datenbank (sie enthält andere Tabellen; sie bleibt unverändert)</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it has no schema version)</source>
        <translation>Keine Candlewick-Datenbank (sie hat keine Schemaversion)</translation>
    </message>
    <message>
        <source>Database was made by a newer Candlewick (schema version %1, this one reads up to %2); update Candlewick to use it</source>
        <translation>Die Datenbank wurde von einem neueren Candlewick angelegt (Schemaversion %1, dieses liest bis %2); Candlewick aktualisieren, um sie zu verwenden</translation>
    </message>
    <message>
        <source>Not a Candlewick database (schema version %1)</source>
        <translation>Keine Candlewick-Datenbank (Schemaversion %1)</translation>
    </message>
    <message>
        <source>Not a Candlewick database (table %1 is missing)</source>
        <translation>Keine Candlewick-Datenbank (Tabelle %1 fehlt)</translation>
    </message>
    <message>
        <source>Cannot create the database schema</source>
        <translation>Kann das Datenbankschema nicht anlegen</translation>
    </message>
    <message>
        <source>Cannot update the database from schema version %1</source>
        <translation>Kann die Datenbank nicht von Schemaversion %1 aktualisieren</translation>
    </message>
    <message>
        <source>Updating the database %1 from schema version %2 to %3 (prices and volumes as exact decimals); its candles are rewritten once, in one transaction</source>
        <translation>Aktualisiere die Datenbank %1 von Schemaversion %2 auf %3 (Preise und Volumen als exakte Dezimalzahlen); ihre Kerzen werden einmal neu geschrieben, in einer Transaktion</translation>
    </message>
    <message>
        <source>a stored candle does not fit the series&apos; decimals</source>
        <translation>eine gespeicherte Kerze passt nicht zu den Dezimalstellen der Reihe</translation>
    </message>
    <message>
        <source>unexpected data from the server</source>
        <translation>unerwartete Daten vom Server</translation>
    </message>
    <message>
        <source>a value of the candle at %1 is not a number</source>
        <translation>ein Wert der Kerze bei %1 ist keine Zahl</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database</source>
        <translation>Kann keine Verbindung zur PostgreSQL-Datenbank herstellen</translation>
    </message>
    <message>
        <source>Cannot open the database read-only</source>
        <translation>Kann die Datenbank nicht schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it is empty)</source>
        <translation>Keine Candlewick-Datenbank (sie ist leer)</translation>
    </message>
    <message>
        <source>the import stopped</source>
        <translation>der Import wurde abgebrochen</translation>
    </message>
    <message>
        <source>Nothing written for %1</source>
        <translation>Nichts für %1 geschrieben</translation>
    </message>
    <message>
        <source>Cannot write the forming candle of %1</source>
        <translation>Kann die sich bildende Kerze von %1 nicht schreiben</translation>
    </message>
    <message>
        <source>: a value is not a number</source>
        <translation>: ein Wert ist keine Zahl</translation>
    </message>
    <message>
        <source>Cannot read the coverage of %1</source>
        <translation>Kann die Abdeckung von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot count the candles of %1</source>
        <translation>Kann die Kerzen von %1 nicht zählen</translation>
    </message>
    <message>
        <source>Cannot read the candles of %1</source>
        <translation>Kann die Kerzen von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot read the forming candle of %1</source>
        <translation>Kann die sich bildende Kerze von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot list the stored series</source>
        <translation>Kann die gespeicherten Reihen nicht auflisten</translation>
    </message>
    <message>
        <source>Cannot save the symbol list of %1</source>
        <translation>Kann die Symbolliste von %1 nicht speichern</translation>
    </message>
    <message>
        <source>Cannot read the symbol list of %1</source>
        <translation>Kann die Symbolliste von %1 nicht lesen</translation>
    </message>
</context>
<context>
    <name>Candlewick::PostgresListener</name>
    <message>
        <source>Cannot connect to the PostgreSQL database: %1 (%2)</source>
        <translation>Kann keine Verbindung zur PostgreSQL-Datenbank herstellen: %1 (%2)</translation>
    </message>
    <message>
        <source>Cannot listen for commits: %1 (%2)</source>
        <translation>Kann nicht auf Commits lauschen: %1 (%2)</translation>
    </message>
    <message>
        <source>Lost the connection to the PostgreSQL server: %1 (%2)</source>
        <translation>Die Verbindung zum PostgreSQL-Server ist verloren: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Candlewick::ProviderError</name>
    <message>
        <source>The %1 provider is gone</source>
        <translation>Der %1-Anbieter existiert nicht mehr</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayFeed</name>
    <message>
        <source>Nothing to replay: no series was chosen.</source>
        <translation>Nichts wiederzugeben: keine Reihe ausgewählt.</translation>
    </message>
    <message>
        <source>Nothing to replay: the end of the range is not after its start.</source>
        <translation>Nichts wiederzugeben: das Ende des Zeitraums liegt nicht nach seinem Anfang.</translation>
    </message>
    <message>
        <source>No candle database to replay from.</source>
        <translation>Keine Kerzendatenbank zum Wiedergeben.</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayReader</name>
    <message>
        <source>Cannot open the candle database for replay: %1</source>
        <translation>Kann die Kerzendatenbank für die Wiedergabe nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Cannot read the candle database for replay: %1</source>
        <translation>Kann die Kerzendatenbank für die Wiedergabe nicht lesen: %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::RequestInfo</name>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
</context>
<context>
    <name>Candlewick::RestCall</name>
    <message>
        <source>Provider gone</source>
        <translation>Anbieter existiert nicht mehr</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>No answer from Binance within %1 s (%2)</source>
        <translation>Keine Antwort von Binance innerhalb von %1 s (%2)</translation>
    </message>
    <message>
        <source>Response from %1 larger than %2 bytes: refused</source>
        <translation>Antwort von %1 größer als %2 Bytes: abgelehnt</translation>
    </message>
    <message>
        <source>Bad response from Binance (%1): %2</source>
        <translation>Fehlerhafte Antwort von Binance (%1): %2</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2: check your connection and --rest-url</source>
        <translation>Netzwerkfehler bei der Verbindung mit %1: %2: Verbindung und --rest-url prüfen</translation>
    </message>
    <message>
        <source> (gave up after %1 attempts)</source>
        <translation> (nach %1 Versuchen aufgegeben)</translation>
    </message>
</context>
<context>
    <name>Candlewick::SharedWeightState</name>
    <message>
        <source>cannot create %1</source>
        <translation>kann %1 nicht anlegen</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>kann nicht öffnen</translation>
    </message>
    <message>
        <source>cannot lock</source>
        <translation>kann nicht sperren</translation>
    </message>
    <message>
        <source>%1 keeps being replaced</source>
        <translation>%1 wird immer wieder ersetzt</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>kann nicht schreiben</translation>
    </message>
</context>
<context>
    <name>Candlewick::SqliteCandleStore</name>
    <message>
        <source>the file is corrupt or not an SQLite database; check it with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>die Datei ist beschädigt oder keine SQLite-Datenbank; mit `sqlite3 FILE &apos;PRAGMA integrity_check&apos;` prüfen</translation>
    </message>
    <message>
        <source>disk I/O error (%1); check the disk, then the file with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>Ein-/Ausgabefehler der Festplatte (%1); die Festplatte prüfen, dann die Datei mit `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</translation>
    </message>
    <message>
        <source>the database is locked by another process</source>
        <translation>die Datenbank ist von einem anderen Prozess gesperrt</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>die Datei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>die Festplatte ist voll</translation>
    </message>
    <message>
        <source>cannot open the file</source>
        <translation>kann die Datei nicht öffnen</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Database is not open</source>
        <translation>Die Datenbank ist nicht geöffnet</translation>
    </message>
    <message>
        <source>Database file is damaged, nothing is written to it; check it with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>Die Datenbankdatei ist beschädigt, es wird nichts hineingeschrieben; mit `sqlite3 FILE &apos;PRAGMA integrity_check&apos;` prüfen</translation>
    </message>
    <message>
        <source>Cannot check the database before writing</source>
        <translation>Kann die Datenbank vor dem Schreiben nicht prüfen</translation>
    </message>
    <message>
        <source>Not a usable Candlewick database</source>
        <translation>Keine verwendbare Candlewick-Datenbank</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it holds other tables; it is left unchanged)</source>
        <translation>Keine Candlewick-Datenbank (sie enthält andere Tabellen; sie bleibt unverändert)</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it has no schema version)</source>
        <translation>Keine Candlewick-Datenbank (sie hat keine Schemaversion)</translation>
    </message>
    <message>
        <source>Database was made by a newer Candlewick (schema version %1, this one reads up to %2); update Candlewick to use it</source>
        <translation>Die Datenbank wurde von einem neueren Candlewick angelegt (Schemaversion %1, dieses liest bis %2); Candlewick aktualisieren, um sie zu verwenden</translation>
    </message>
    <message>
        <source>Not a Candlewick database (schema version %1)</source>
        <translation>Keine Candlewick-Datenbank (Schemaversion %1)</translation>
    </message>
    <message>
        <source>Not a Candlewick database (table %1 is missing)</source>
        <translation>Keine Candlewick-Datenbank (Tabelle %1 fehlt)</translation>
    </message>
    <message>
        <source>Cannot create the database schema</source>
        <translation>Kann das Datenbankschema nicht anlegen</translation>
    </message>
    <message>
        <source>Cannot update the database from schema version %1</source>
        <translation>Kann die Datenbank nicht von Schemaversion %1 aktualisieren</translation>
    </message>
    <message>
        <source>Updating the database %1 from schema version %2 to %3 (prices and volumes as exact decimals, in less space); its candles are rewritten once, in one transaction, then the file is compacted</source>
        <translation>Aktualisiere die Datenbank %1 von Schemaversion %2 auf %3 (Preise und Volumen als exakte Dezimalzahlen, platzsparender); ihre Kerzen werden einmal neu geschrieben, in einer Transaktion, dann wird die Datei verdichtet</translation>
    </message>
    <message>
        <source>: a series has open times too far apart to store (the file is left as it was)</source>
        <translation>: eine Reihe hat Eröffnungszeiten, die zum Speichern zu weit auseinanderliegen (die Datei bleibt, wie sie war)</translation>
    </message>
    <message>
        <source>Could not compact %1 (%2); the free space is reused by later writes</source>
        <translation>Konnte %1 nicht verdichten (%2); der freie Platz wird von späteren Schreibvorgängen wiederverwendet</translation>
    </message>
    <message>
        <source>Cannot switch the database to WAL mode</source>
        <translation>Kann die Datenbank nicht in den WAL-Modus schalten</translation>
    </message>
    <message>
        <source>No database path given</source>
        <translation>Kein Datenbankpfad angegeben</translation>
    </message>
    <message>
        <source>Database path is a directory</source>
        <translation>Der Datenbankpfad ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>Database path is not a regular file</source>
        <translation>Der Datenbankpfad ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>Database file does not exist</source>
        <translation>Die Datenbankdatei existiert nicht</translation>
    </message>
    <message>
        <source>Cannot create the database directory %1</source>
        <translation>Kann das Datenbankverzeichnis %1 nicht anlegen</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Kann die Datenbank nicht öffnen</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it is empty)</source>
        <translation>Keine Candlewick-Datenbank (sie ist leer)</translation>
    </message>
    <message>
        <source>Database file is read-only; Candlewick cannot store candles in it (check the file&apos;s permissions)</source>
        <translation>Die Datenbankdatei ist schreibgeschützt; Candlewick kann darin keine Kerzen speichern (die Zugriffsrechte der Datei prüfen)</translation>
    </message>
    <message>
        <source>Nothing written for %1: the import stopped (%2)</source>
        <translation>Nichts für %1 geschrieben: der Import wurde abgebrochen (%2)</translation>
    </message>
    <message>
        <source>Cannot write candles for %1</source>
        <translation>Kann keine Kerzen für %1 schreiben</translation>
    </message>
    <message>
        <source>Cannot write candles for %1: a value of the candle at %2 is not a number</source>
        <translation>Kann keine Kerzen für %1 schreiben: ein Wert der Kerze bei %2 ist keine Zahl</translation>
    </message>
    <message>
        <source>Cannot write candles for %1: open time %2 is too far from the stored ones</source>
        <translation>Kann keine Kerzen für %1 schreiben: die Eröffnungszeit %2 liegt zu weit von den gespeicherten entfernt</translation>
    </message>
    <message numerus="yes">
        <source>Cannot write the candles of %n series</source>
        <translation>
            <numerusform>Kann die Kerzen von %n Reihe nicht schreiben</numerusform>
            <numerusform>Kann die Kerzen von %n Reihen nicht schreiben</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write the forming candle of %1</source>
        <translation>Kann die sich bildende Kerze von %1 nicht schreiben</translation>
    </message>
    <message>
        <source>: a value is not a number</source>
        <translation>: ein Wert ist keine Zahl</translation>
    </message>
    <message>
        <source>Cannot read the coverage of %1</source>
        <translation>Kann die Abdeckung von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot count the candles of %1</source>
        <translation>Kann die Kerzen von %1 nicht zählen</translation>
    </message>
    <message>
        <source>Cannot read the candles of %1</source>
        <translation>Kann die Kerzen von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot read the forming candle of %1</source>
        <translation>Kann die sich bildende Kerze von %1 nicht lesen</translation>
    </message>
    <message>
        <source>Cannot list the stored series</source>
        <translation>Kann die gespeicherten Reihen nicht auflisten</translation>
    </message>
    <message>
        <source>Cannot save the symbol list of %1</source>
        <translation>Kann die Symbolliste von %1 nicht speichern</translation>
    </message>
    <message>
        <source>Cannot read the symbol list of %1</source>
        <translation>Kann die Symbolliste von %1 nicht lesen</translation>
    </message>
    <message>
        <source>: %1 (the file is left as it was)</source>
        <translation>: %1 (die Datei bleibt, wie sie war)</translation>
    </message>
    <message>
        <source>its series id %1 is above %2, the largest the file&apos;s candle keys can hold</source>
        <translation>die ID %1 ihrer Reihe liegt über %2, der größten, die die Kerzenschlüssel der Datei fassen können</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyHost</name>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>not a loadable Qt plugin: %1</source>
        <translation>kein ladbares Qt-Plugin: %1</translation>
    </message>
    <message>
        <source>a strategy named &quot;%1&quot; was already found in %2</source>
        <translation>eine Strategie namens „%1“ wurde bereits in %2 gefunden</translation>
    </message>
    <message>
        <source>no strategy named &quot;%1&quot; (found: %2; searched %3)</source>
        <translation>keine Strategie namens „%1“ (gefunden: %2; durchsucht: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>cannot load %1: %2</source>
        <translation>kann %1 nicht laden: %2</translation>
    </message>
    <message>
        <source>%1 does not implement %2</source>
        <translation>%1 implementiert %2 nicht</translation>
    </message>
    <message>
        <source>strategy %1 failed to create an instance: %2</source>
        <translation>Strategie %1 konnte keine Instanz erzeugen: %2</translation>
    </message>
    <message>
        <source>strategy %1 failed to create an instance</source>
        <translation>Strategie %1 konnte keine Instanz erzeugen</translation>
    </message>
    <message>
        <source>strategy %1 returned no instance</source>
        <translation>Strategie %1 hat keine Instanz geliefert</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be written name=value</source>
        <translation>Parameter „%1“ muss als name=wert geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyInfo</name>
    <message>
        <source>not a Qt plugin (no IID)</source>
        <translation>kein Qt-Plugin (keine IID)</translation>
    </message>
    <message>
        <source>IID &quot;%1&quot; is neither &quot;%2&quot; nor &quot;%3&quot;</source>
        <translation>IID „%1“ ist weder „%2“ noch „%3“</translation>
    </message>
    <message>
        <source>the plugin has no JSON metadata (Q_PLUGIN_METADATA FILE)</source>
        <translation>das Plugin hat keine JSON-Metadaten (Q_PLUGIN_METADATA FILE)</translation>
    </message>
    <message>
        <source>metadata has no &quot;name&quot;</source>
        <translation>die Metadaten haben keinen „name“</translation>
    </message>
    <message>
        <source>metadata name &quot;%1&quot; may only hold letters, digits, _ and -</source>
        <translation>der Metadaten-Name „%1“ darf nur Buchstaben, Ziffern, _ und - enthalten</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;parameters&quot; must be an array</source>
        <translation>„%1“: „parameters“ muss ein Array sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: every parameter must be an object</source>
        <translation>„%1“: jeder Parameter muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: parameter &quot;%2&quot; is declared twice</source>
        <translation>„%1“: Parameter „%2“ ist doppelt deklariert</translation>
    </message>
    <message>
        <source>%1 has no parameter &quot;%2&quot; (it has: %3)</source>
        <translation>%1 hat keinen Parameter „%2“ (vorhanden: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyParameter</name>
    <message>
        <source>a parameter has no &quot;name&quot;</source>
        <translation>ein Parameter hat keinen „name“</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: &quot;%2&quot; must be a number, on an int or double</source>
        <translation>Parameter „%1“: „%2“ muss eine Zahl sein, bei einem int oder double</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: min is above max</source>
        <translation>Parameter „%1“: min liegt über max</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: enum values must be non-empty strings</source>
        <translation>Parameter „%1“: Enum-Werte müssen nicht leere Strings sein</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: an enum needs &quot;values&quot;</source>
        <translation>Parameter „%1“: ein Enum braucht „values“</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; has no &quot;default&quot;</source>
        <translation>Parameter „%1“ hat keinen „default“</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: bad default: %2</source>
        <translation>Parameter „%1“: ungültiger Standardwert: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects an integer, got %2</source>
        <translation>„%1“ erwartet eine ganze Zahl, erhalten: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects a number, got %2</source>
        <translation>„%1“ erwartet eine Zahl, erhalten: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects true or false, got %2</source>
        <translation>„%1“ erwartet true oder false, erhalten: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects text, got %2</source>
        <translation>„%1“ erwartet Text, erhalten: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of %2, got %3</source>
        <translation>„%1“ muss eines von %2 sein, erhalten: %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; = %2 is out of range [%3, %4]</source>
        <translation>„%1“ = %2 liegt außerhalb des Bereichs [%3, %4]</translation>
    </message>
    <message>
        <source>, default </source>
        <translation>, Standard </translation>
    </message>
    <message>
        <source>, one of </source>
        <translation>, eines von </translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyRun</name>
    <message>
        <source>strategy %1 failed in %2: %3</source>
        <translation>Strategie %1 ist in %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>unbekannte Ausnahme</translation>
    </message>
    <message>
        <source>no plot has the id %1</source>
        <translation>kein Plot hat die ID %1</translation>
    </message>
</context>
<context>
    <name>Candlewick::StreamConnection</name>
    <message>
        <source>unexpected binary frame</source>
        <translation>unerwarteter Binär-Frame</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS-Fehler: %1</translation>
    </message>
    <message>
        <source>connect timeout after %1 ms</source>
        <translation>Zeitüberschreitung beim Verbinden nach %1 ms</translation>
    </message>
    <message>
        <source>connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>closed by server (code %1%2)</source>
        <translation>vom Server geschlossen (Code %1%2)</translation>
    </message>
    <message>
        <source>response to unknown request id %1</source>
        <translation>Antwort auf unbekannte Anfrage-ID %1</translation>
    </message>
    <message>
        <source>no data for %1 ms</source>
        <translation>seit %1 ms keine Daten</translation>
    </message>
    <message>
        <source>no data for %1 ms and no kline event since connecting (does %2 serve kline streams?)</source>
        <translation>seit %1 ms keine Daten und seit dem Verbinden kein Kline-Event (liefert %2 Kline-Streams?)</translation>
    </message>
    <message>
        <source>no pong within %1 ms</source>
        <translation>kein Pong innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1 (Code %2)</translation>
    </message>
</context>
<context>
    <name>Candlewick::StreamPool</name>
    <message>
        <source>connection budget (%1 per 5 min) used up; next attempt at %2</source>
        <translation>Verbindungskontingent (%1 pro 5 min) aufgebraucht; nächster Versuch um %2</translation>
    </message>
    <message>
        <source>server announced a shutdown; switching connections</source>
        <translation>Server hat ein Herunterfahren angekündigt; wechsle die Verbindung</translation>
    </message>
    <message>
        <source>reconnecting in %1 s (attempt %2)</source>
        <translation>verbinde in %1 s neu (Versuch %2)</translation>
    </message>
    <message>
        <source>planned reconnect: opening a replacement connection</source>
        <translation>geplante Neuverbindung: öffne eine Ersatzverbindung</translation>
    </message>
    <message>
        <source>replacement connection live</source>
        <translation>Ersatzverbindung ist live</translation>
    </message>
    <message>
        <source>connected to %1 (%2 streams)</source>
        <translation>verbunden mit %1 (%2 Streams)</translation>
    </message>
    <message>
        <source>replacement connection failed: %1</source>
        <translation>Ersatzverbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>connection lost: %1</source>
        <translation>Verbindung verloren: %1</translation>
    </message>
    <message>
        <source>unknown frame skipped: %1 (%2 so far)</source>
        <translation>unbekannter Frame übersprungen: %1 (bisher %2)</translation>
    </message>
    <message>
        <source>bad frame skipped: %1 (%2 so far)</source>
        <translation>fehlerhafter Frame übersprungen: %1 (bisher %2)</translation>
    </message>
    <message>
        <source>%1 %2 refused: %3</source>
        <translation>%1 %2 abgelehnt: %3</translation>
    </message>
</context>
<context>
    <name>Candlewick::TradeLiveFeed</name>
    <message>
        <source>%1: trades arrived after their candle had closed (%2)</source>
        <translation>%1: Trades kamen nach dem Schluss ihrer Kerze an (%2)</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>dem Anfang</translation>
    </message>
    <message>
        <source>%1: trades after %2 may be lost; those candles come from history</source>
        <translation>%1: Trades nach %2 sind womöglich verloren; diese Kerzen kommen aus der Historie</translation>
    </message>
</context>
<context>
    <name>Candlewick::TradeStore</name>
    <message>
        <source>Trade database is not open</source>
        <translation>Die Trade-Datenbank ist nicht geöffnet</translation>
    </message>
    <message>
        <source>Trades are stored in SQLite databases only, not in PostgreSQL</source>
        <translation>Trades werden nur in SQLite-Datenbanken gespeichert, nicht in PostgreSQL</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Kann die Datenbank nicht öffnen</translation>
    </message>
    <message>
        <source>Cannot create the trade tables</source>
        <translation>Kann die Trade-Tabellen nicht anlegen</translation>
    </message>
    <message>
        <source>Trade database is open read-only</source>
        <translation>Die Trade-Datenbank ist schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <source>Cannot store trades of %1 %2</source>
        <translation>Kann keine Trades von %1 %2 speichern</translation>
    </message>
    <message>
        <source>Cannot read the trade coverage</source>
        <translation>Kann die Trade-Abdeckung nicht lesen</translation>
    </message>
    <message>
        <source>Cannot read trades</source>
        <translation>Kann keine Trades lesen</translation>
    </message>
    <message>
        <source>Cannot count trades</source>
        <translation>Kann die Trades nicht zählen</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>%1 has no %2 candles and cannot build them: the finest interval it offers is %3</source>
        <translation>%1 hat keine %2-Kerzen und kann sie nicht bilden: das feinste angebotene Intervall ist %3</translation>
    </message>
    <message>
        <source>Binance</source>
        <translation>Binance</translation>
    </message>
    <message>
        <source>spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <source>Binance USD-M</source>
        <translation>Binance USD-M</translation>
    </message>
    <message>
        <source>USD-M perpetuals</source>
        <translation>USD-M-Perpetuals</translation>
    </message>
    <message>
        <source>Bybit</source>
        <translation>Bybit</translation>
    </message>
    <message>
        <source>Bybit Linear</source>
        <translation>Bybit Linear</translation>
    </message>
    <message>
        <source>USDT perpetuals</source>
        <translation>USDT-Perpetuals</translation>
    </message>
    <message>
        <source>Coinbase</source>
        <translation>Coinbase</translation>
    </message>
    <message>
        <source>spot (Advanced Trade)</source>
        <translation>Spot (Advanced Trade)</translation>
    </message>
    <message>
        <source>Demo (offline)</source>
        <translation>Demo (offline)</translation>
    </message>
    <message>
        <source>synthetic spot market</source>
        <translation>synthetischer Spotmarkt</translation>
    </message>
    <message>
        <source>OKX</source>
        <translation>OKX</translation>
    </message>
    <message>
        <source>spot and swaps</source>
        <translation>Spot und Swaps</translation>
    </message>
</context>
<context>
    <name>PostgresWriterLocks</name>
    <message>
        <source>Cannot connect to the PostgreSQL database: %1 (%2)</source>
        <translation>Kann keine Verbindung zur PostgreSQL-Datenbank herstellen: %1 (%2)</translation>
    </message>
</context>
</TS>
