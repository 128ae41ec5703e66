#include "fakebinancearchive.h"

#include "fakebinancerest.h"

#include <httprequestparser.h>
#include <httpresponse.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <zip.h>

#include <charconv>
#include <cstring>

namespace Candlewick::Testing {

namespace {

// The head, then the body as it is, as a file server sends a file: a zip is not copied into
// one buffer with its head first.
void sendAnswer(QTcpSocket *socket, const HttpResponse &response, bool keepAlive)
{
    socket->write(response.head(keepAlive));
    socket->write(response.body);
    if (!keepAlive)
        socket->disconnectFromHost();
}

// The rest of an answer whose head and first `sent` bytes of the body went before.
void sendRest(QTcpSocket *socket, const HttpResponse &response, bool keepAlive, qsizetype sent)
{
    if (sent < 0) {
        sendAnswer(socket, response, keepAlive);
        return;
    }
    socket->write(response.body.sliced(sent));
    if (!keepAlive)
        socket->disconnectFromHost();
}

constexpr qint64 FakeArchiveMicrosFrom = 1735689600000; // 2025-01-01T00:00:00Z

char *fakeArchiveInt(char *p, qint64 v)
{
    return std::to_chars(p, p + 24, v).ptr;
}

char *fakeArchiveDecimal(char *p, double v)
{
    return std::to_chars(p, p + 40, v, std::chars_format::fixed, 8).ptr;
}

// Zips `csv` as the single entry `name` (deflated, as Binance does), in memory.
QByteArray makeZip(const QString &name, const QByteArray &csv)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
    zip_source_keep(source);
    zip_source_t *entry = zip_source_buffer(archive, csv.constData(), zip_uint64_t(csv.size()), 0);
    const zip_int64_t index = zip_file_add(archive, name.toUtf8().constData(), entry, 0);
    zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 1);
    zip_close(archive);
    QByteArray bytes;
    zip_stat_t stat;
    if (zip_source_open(source) == 0 && zip_source_stat(source, &stat) == 0) {
        bytes.resize(qsizetype(stat.size));
        zip_source_read(source, bytes.data(), stat.size);
        zip_source_close(source);
    }
    zip_source_free(source);
    zip_error_fini(&error);
    return bytes;
}

} // namespace

FakeBinanceArchive::FakeBinanceArchive(const FakeBinanceRest *market, QObject *parent)
    : QObject(parent)
    , m_market(market)
{
}

FakeBinanceArchive::~FakeBinanceArchive()
{
    qDeleteAll(m_parsers);
}

bool FakeBinanceArchive::listen(quint16 port)
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &FakeBinanceArchive::handleNewConnection);
    return m_server->listen(QHostAddress::LocalHost, port);
}

QUrl FakeBinanceArchive::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server ? m_server->serverPort() : 0));
}

void FakeBinanceArchive::setCorruptChecksum(const QString &fileName)
{
    QMutexLocker lock(&m_mutex);
    m_corrupt.insert(fileName);
}

void FakeBinanceArchive::setTruncated(const QString &fileName)
{
    QMutexLocker lock(&m_mutex);
    m_truncated.insert(fileName);
}

void FakeBinanceArchive::setMissing(const QString &fileName)
{
    QMutexLocker lock(&m_mutex);
    m_missing.insert(fileName);
}

void FakeBinanceArchive::hold(const QString &fileName, qsizetype after)
{
    m_held.insert(fileName, after);
}

void FakeBinanceArchive::release(const QString &fileName)
{
    m_held.remove(fileName);
    for (const HeldAnswer &answer : m_heldAnswers.take(fileName)) {
        if (!answer.socket)
            continue;
        sendRest(answer.socket, answer.response, answer.keepAlive, answer.sent);
    }
}

void FakeBinanceArchive::drop(const QString &fileName)
{
    m_held.remove(fileName);
    for (const HeldAnswer &answer : m_heldAnswers.take(fileName)) {
        if (answer.socket)
            answer.socket->disconnectFromHost(); // what was written goes first
    }
}

void FakeBinanceArchive::setMalformedRow(const QString &fileName, int line)
{
    QMutexLocker lock(&m_mutex);
    m_malformed.insert(fileName, line);
}

void FakeBinanceArchive::setDataDescriptor(const QString &fileName)
{
    QMutexLocker lock(&m_mutex);
    m_dataDescriptor.insert(fileName);
}

QByteArray FakeBinanceArchive::withDataDescriptor(const QByteArray &zip)
{
    // The local header (30 bytes, the name, the extra field), the data, the central directory
    // and its end record (22 bytes, no comment).
    constexpr quint16 DataDescriptorFlag = 0x0008;
    const auto u16
        = [&zip](qsizetype at) { return qFromLittleEndian<quint16>(zip.constData() + at); };
    const auto u32
        = [&zip](qsizetype at) { return qFromLittleEndian<quint32>(zip.constData() + at); };
    const qsizetype end = zip.size() - 22;
    const qsizetype central = u32(end + 16);
    const qsizetype data = 30 + u16(26) + u16(28);
    const qsizetype dataEnd = data + u32(18);
    QByteArray descriptor(16, Qt::Uninitialized);
    qToLittleEndian(quint32(0x08074b50), descriptor.data());
    std::memcpy(descriptor.data() + 4, zip.constData() + 14, 12); // CRC, sizes
    QByteArray out = zip.first(dataEnd) + descriptor + zip.sliced(dataEnd);
    qToLittleEndian(quint16(u16(6) | DataDescriptorFlag), out.data() + 6);
    std::memset(out.data() + 14, 0, 12);
    const qsizetype movedCentral = central + descriptor.size();
    qToLittleEndian(quint16(u16(central + 8) | DataDescriptorFlag), out.data() + movedCentral + 8);
    qToLittleEndian(quint32(movedCentral), out.data() + out.size() - 22 + 16);
    return out;
}

QStringList FakeBinanceArchive::requestedPaths() const
{
    QMutexLocker lock(&m_mutex);
    return m_requested;
}

std::optional<FakeBinanceArchive::File> FakeBinanceArchive::parsePath(const QString &path) const
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(spot|futures/um)/(monthly|daily)/klines/([A-Z0-9]+)/(\w+)/([A-Z0-9]+)-(\w+)-(\d{4})-(\d{2})(?:-(\d{2}))?\.zip$)"));
    const QRegularExpressionMatch m = pattern.match(path);
    if (!m.hasMatch() || m.captured(3) != m.captured(5) || m.captured(4) != m.captured(6))
        return std::nullopt;
    const bool monthly = m.captured(2) == QLatin1StringView("monthly");
    if (monthly == !m.captured(9).isEmpty())
        return std::nullopt;
    // Daily and monthly files up to 1d; 1M ("1mo") in monthly files only.
    const auto interval = m.captured(4) == QLatin1StringView("1mo")
        ? std::optional<Interval>(Interval::Mon1)
        : Intervals::parse(m.captured(4));
    if (!interval)
        return std::nullopt;
    if (*interval == Interval::Mon1
            ? !monthly
            : Intervals::nominalMs(*interval) > Intervals::nominalMs(Interval::D1))
        return std::nullopt;
    const QDate date(m.captured(7).toInt(), m.captured(8).toInt(),
                     monthly ? 1 : m.captured(9).toInt());
    if (!date.isValid())
        return std::nullopt;
    File file;
    file.symbol = m.captured(3);
    file.interval = *interval;
    file.futures = m.captured(1) == QLatin1StringView("futures/um");
    file.range.from = QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    file.range.to = QDateTime(monthly ? date.addMonths(1) : date.addDays(1), QTime(0, 0), Qt::UTC)
                        .toMSecsSinceEpoch();
    file.name = path.section(u'/', -1);
    // Published once the month (or day) is over: the next one has begun at the clock's now.
    const qint64 now = m_market->clock()->nowMs();
    const qint64 publishedUpTo = monthly ? Intervals::alignDown(Interval::Mon1, now)
                                         : Intervals::alignDown(Interval::D1, now);
    if (file.range.to > publishedUpTo)
        return std::nullopt;
    return file;
}

QByteArray FakeBinanceArchive::csv(const QString &path)
{
    const auto file = parsePath(path);
    if (!file)
        return {};
    const CandleBatch candles = m_market->groundTruth(file->symbol, file->interval, file->range);
    if (candles.isEmpty())
        return {};
    QByteArray text;
    if (file->futures)
        text += "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                "taker_buy_volume,taker_buy_quote_volume,ignore\n";
    const qsizetype header = text.size();
    text.resize(header + candles.size() * 200);
    char *p = text.data() + header;
    for (const Candle &c : candles) {
        const qint64 close = Intervals::closeTime(file->interval, c.openTime);
        const bool micros = !file->futures && c.openTime >= FakeArchiveMicrosFrom;
        p = fakeArchiveInt(p, micros ? c.openTime * 1000 : c.openTime);
        for (double v : {c.open, c.high, c.low, c.close, c.volume}) {
            *p++ = ',';
            p = fakeArchiveDecimal(p, v);
        }
        *p++ = ',';
        p = fakeArchiveInt(p, micros ? close * 1000 + 999 : close);
        *p++ = ',';
        p = fakeArchiveDecimal(p, c.quoteVolume);
        *p++ = ',';
        p = fakeArchiveInt(p, c.trades);
        *p++ = ',';
        p = fakeArchiveDecimal(p, c.takerBuyBase);
        *p++ = ',';
        p = fakeArchiveDecimal(p, c.takerBuyQuote);
        *p++ = ',';
        *p++ = '0';
        *p++ = '\n';
    }
    text.truncate(p - text.data());
    int malformed = 0;
    {
        QMutexLocker lock(&m_mutex);
        malformed = m_malformed.value(file->name);
    }
    qsizetype at = 0;
    for (int line = 1; line < malformed && at >= 0; ++line) {
        at = text.indexOf('\n', at);
        at = at < 0 ? -1 : at + 1;
    }
    if (malformed > 0 && at >= 0 && at < text.size())
        text[at] = 'X';
    return text;
}

QByteArray FakeBinanceArchive::zipFile(const QString &path)
{
    const QString name = path.section(u'/', -1);
    QByteArray zip;
    bool truncated = false;
    {
        QMutexLocker lock(&m_mutex);
        zip = m_zips.value(path);
        truncated = m_truncated.contains(name);
    }
    if (zip.isEmpty()) {
        const QByteArray text = csv(path);
        if (text.isEmpty())
            return {};
        QString entry = name;
        entry.replace(QStringLiteral(".zip"), QStringLiteral(".csv"));
        zip = makeZip(entry, text);
        bool dataDescriptor = false;
        {
            QMutexLocker lock(&m_mutex);
            dataDescriptor = m_dataDescriptor.contains(name);
        }
        if (dataDescriptor)
            zip = withDataDescriptor(zip);
        // Its checksum file, made with it (the archive serves both from storage); published
        // broken, the checksum is the broken file's, so only the zip can tell.
        const QByteArray served = truncated ? zip.first(zip.size() / 2) : zip;
        const QByteArray checksum
            = QCryptographicHash::hash(served, QCryptographicHash::Sha256).toHex() + "  "
            + name.toUtf8() + '\n';
        QMutexLocker lock(&m_mutex);
        m_zips.insert(path, zip);
        m_checksums.insert(path, checksum);
    }
    if (truncated)
        zip.truncate(zip.size() / 2);
    return zip;
}

QByteArray FakeBinanceArchive::checksumFile(const QString &path)
{
    if (zipFile(path).isEmpty())
        return {};
    QMutexLocker lock(&m_mutex);
    return m_checksums.value(path);
}

void FakeBinanceArchive::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_unreachable) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_parsers.insert(socket, new HttpRequestParser);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            delete m_parsers.take(socket);
            socket->deleteLater();
        });
    }
}

void FakeBinanceArchive::handleReadyRead(QTcpSocket *socket)
{
    HttpRequestParser *parser = m_parsers.value(socket);
    if (!parser)
        return;
    parser->feed(socket->readAll());
    HttpRequest request;
    while (parser->next(&request)) {
        m_requests.fetch_add(1);
        QString path = QString::fromUtf8(request.path);
        {
            QMutexLocker lock(&m_mutex);
            m_requested.append(path);
        }
        HttpResponse response;
        response.contentType = QByteArrayLiteral("application/zip");
        const bool checksum = path.endsWith(QStringLiteral(".CHECKSUM"));
        if (checksum)
            path.chop(9);
        const QString name = path.section(u'/', -1);
        bool missing = !path.startsWith(QStringLiteral("/data/"));
        bool corrupt = false;
        {
            QMutexLocker lock(&m_mutex);
            missing = missing || m_missing.contains(name)
                || (checksum && m_missing.contains(name + QStringLiteral(".CHECKSUM")));
            corrupt = m_corrupt.contains(name);
        }
        if (!missing) {
            path.remove(0, 6);
            response.body = checksum ? checksumFile(path) : zipFile(path);
            if (checksum && corrupt && !response.body.isEmpty())
                response.body.replace(0, 8, "00000000");
            missing = response.body.isEmpty();
        }
        if (missing) {
            response.status = 404;
            response.contentType = QByteArrayLiteral("application/xml");
            response.body = QByteArrayLiteral("<Error><Code>NoSuchKey</Code></Error>");
        }
        const QString served = checksum ? name + QStringLiteral(".CHECKSUM") : name;
        if (m_held.contains(served)) {
            const qsizetype after = std::min(m_held.value(served), response.body.size());
            qsizetype sent = -1;
            if (after > 0) {
                socket->write(response.head(request.keepAlive()));
                socket->write(response.body.first(after));
                sent = after;
            }
            m_heldAnswers[served].append({socket, response, request.keepAlive(), sent});
            continue;
        }
        sendAnswer(socket, response, request.keepAlive());
        if (!request.keepAlive())
            return;
    }
    if (parser->hasError())
        socket->abort();
}

} // namespace Candlewick::Testing
