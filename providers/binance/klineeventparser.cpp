#include "klineeventparser.h"

#include <candlevalidation.h>
#include <decimalunits.h>
#include <utctime.h>
#include <wholenumber.h>

#include <QStringEncoder>

#include <simdjson.h>

#include <cstring>
#include <limits>
#include <vector>

namespace Candlewick {

namespace od = simdjson::ondemand;

namespace {

// Frames above this are refused before parsing: a kline event is about 400 bytes, and the longest
// legitimate frame (LIST_SUBSCRIPTIONS of 1024 streams) is about 25 KiB.
constexpr size_t MaxFrameBytes = 1 << 20;

// Binance sends prices and volumes as strings ("0.01634790"); plain numbers are accepted too.
// `exact`, when given, gets the units of 1e-8 of a quote value too long for a double (else 0).
bool readDecimal(od::value v, double &out, qint64 *exact = nullptr)
{
    od::json_type type;
    if (v.type().get(type))
        return false;
    if (type == od::json_type::string) {
        std::string_view s;
        if (v.get_string().get(s) || !parseWholeNumber(s, &out))
            return false;
        if (exact)
            *exact = DecimalUnits::quoteUnitsOf(s);
        return true;
    }
    if (type == od::json_type::number)
        return !v.get_double().get(out);
    return false;
}

bool readInt(od::value v, qint64 &out)
{
    int64_t i = 0;
    if (v.get_int64().get(i))
        return false;
    out = i;
    return true;
}

bool readString(od::value v, std::string_view &out)
{
    return !v.get_string().get(out);
}

// Fields of the kline object "k" that must be present.
enum KlineField : unsigned {
    FieldT = 1 << 0,
    FieldCloseT = 1 << 1,
    FieldI = 1 << 2,
    FieldO = 1 << 3,
    FieldC = 1 << 4,
    FieldH = 1 << 5,
    FieldL = 1 << 6,
    FieldV = 1 << 7,
    FieldX = 1 << 8,
    FieldS = 1 << 9,
    RequiredKlineFields = (1 << 10) - 1,
};

struct EventAccumulator
{
    bool hasEvent = false;
    std::string_view eventType;
    bool hasEventTime = false;
    qint64 eventTime = 0;
    std::string_view symbol;
    bool hasKline = false;
    unsigned klineFields = 0;
    std::string_view klineSymbol;
    std::string_view klineInterval;
    qint64 closeTime = 0;
    Candle candle;
    // Trade events ({"e":"trade"}): id, price, quantity, trade time, buyer is maker.
    unsigned tradeFields = 0;
    const char *badTradeField = nullptr; // other events may use these keys otherwise
    Trade trade;
};

enum BinanceTradeField : unsigned {
    FieldTradeId = 1 << 0,
    FieldTradePrice = 1 << 1,
    FieldTradeQuantity = 1 << 2,
    FieldTradeTime = 1 << 3,
    FieldTradeMaker = 1 << 4,
    RequiredTradeFields = (1 << 5) - 1,
};

bool readExactDecimal(od::value v, ExactDecimal &out)
{
    std::string_view s;
    if (v.get_string().get(s))
        return false;
    const std::optional<ExactDecimal> d = ExactDecimal::parse(s);
    if (!d)
        return false;
    out = *d;
    return true;
}

// Parses the kline object; returns a rejection reason or nullptr.
const char *parseKline(od::value value, EventAccumulator &acc)
{
    od::object k;
    if (value.get_object().get(k))
        return "\"k\" is not an object";
    acc.hasKline = true;
    Candle &c = acc.candle;
    for (auto fieldResult : k) {
        od::field field;
        if (std::move(fieldResult).get(field))
            return "malformed JSON in \"k\"";
        std::string_view key;
        if (field.unescaped_key().get(key))
            return "malformed key in \"k\"";
        od::value v = field.value();
        if (key.size() != 1)
            continue;
        switch (key[0]) {
        case 't':
            if (!readInt(v, c.openTime))
                return "bad kline field \"t\"";
            acc.klineFields |= FieldT;
            break;
        case 'T':
            if (!readInt(v, acc.closeTime))
                return "bad kline field \"T\"";
            acc.klineFields |= FieldCloseT;
            break;
        case 's':
            if (!readString(v, acc.klineSymbol))
                return "bad kline field \"s\"";
            acc.klineFields |= FieldS;
            break;
        case 'i':
            if (!readString(v, acc.klineInterval))
                return "bad kline field \"i\"";
            acc.klineFields |= FieldI;
            break;
        case 'o':
            if (!readDecimal(v, c.open))
                return "bad kline field \"o\"";
            acc.klineFields |= FieldO;
            break;
        case 'c':
            if (!readDecimal(v, c.close))
                return "bad kline field \"c\"";
            acc.klineFields |= FieldC;
            break;
        case 'h':
            if (!readDecimal(v, c.high))
                return "bad kline field \"h\"";
            acc.klineFields |= FieldH;
            break;
        case 'l':
            if (!readDecimal(v, c.low))
                return "bad kline field \"l\"";
            acc.klineFields |= FieldL;
            break;
        case 'v':
            if (!readDecimal(v, c.volume))
                return "bad kline field \"v\"";
            acc.klineFields |= FieldV;
            break;
        case 'n':
            if (!readInt(v, c.trades))
                return "bad kline field \"n\"";
            break;
        case 'x':
            if (v.get_bool().get(c.closed))
                return "bad kline field \"x\"";
            acc.klineFields |= FieldX;
            break;
        case 'q':
            if (!readDecimal(v, c.quoteVolume, &c.quoteVolumeE8))
                return "bad kline field \"q\"";
            break;
        case 'V':
            if (!readDecimal(v, c.takerBuyBase))
                return "bad kline field \"V\"";
            break;
        case 'Q':
            if (!readDecimal(v, c.takerBuyQuote, &c.takerBuyQuoteE8))
                return "bad kline field \"Q\"";
            break;
        default:
            break; // f, L, B and anything new
        }
    }
    return nullptr;
}

// Handles one key of an event payload. Returns a rejection reason or nullptr.
const char *eventField(std::string_view key, od::value v, EventAccumulator &acc)
{
    if (key == "e") {
        if (!readString(v, acc.eventType))
            return "bad field \"e\"";
        acc.hasEvent = true;
    } else if (key == "E") {
        if (!readInt(v, acc.eventTime))
            return "bad field \"E\"";
        acc.hasEventTime = true;
    } else if (key == "s") {
        if (!readString(v, acc.symbol))
            return "bad field \"s\"";
    } else if (key == "k") {
        return parseKline(v, acc);
    } else if (key == "t") {
        if (!readInt(v, acc.trade.id))
            acc.badTradeField = "bad field \"t\"";
        else
            acc.tradeFields |= FieldTradeId;
    } else if (key == "p") {
        if (!readExactDecimal(v, acc.trade.price))
            acc.badTradeField = "bad field \"p\"";
        else
            acc.tradeFields |= FieldTradePrice;
    } else if (key == "q") {
        if (!readExactDecimal(v, acc.trade.size))
            acc.badTradeField = "bad field \"q\"";
        else
            acc.tradeFields |= FieldTradeQuantity;
    } else if (key == "T") {
        qint64 ms = 0;
        if (!readInt(v, ms) || ms < 0 || ms > std::numeric_limits<qint64>::max() / 1000) {
            acc.badTradeField = "bad field \"T\"";
        } else {
            acc.trade.timeUs = ms * 1000;
            acc.tradeFields |= FieldTradeTime;
        }
    } else if (key == "m") {
        bool buyerIsMaker = false;
        if (v.get_bool().get(buyerIsMaker)) {
            acc.badTradeField = "bad field \"m\"";
        } else {
            acc.trade.side = buyerIsMaker ? TradeSide::Sell : TradeSide::Buy;
            acc.tradeFields |= FieldTradeMaker;
        }
    }
    return nullptr;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

// True when `stream` ("btcusdt@kline_1m", optionally with a "@+08:00" suffix) names this series.
bool streamMatches(std::string_view stream, std::string_view symbol, std::string_view interval)
{
    const size_t at = stream.find('@');
    if (at == std::string_view::npos || !equalsIgnoringCase(stream.substr(0, at), symbol))
        return false;
    std::string_view rest = stream.substr(at + 1);
    constexpr std::string_view prefix = "kline_";
    if (rest.substr(0, prefix.size()) != prefix)
        return false;
    rest = rest.substr(prefix.size());
    const size_t end = rest.find('@');
    return rest.substr(0, end) == interval;
}

KlineEvent rejected(KlineEvent ev, const QString &reason)
{
    ev.kind = KlineEvent::Kind::Rejected;
    ev.reason = reason;
    return ev;
}

KlineEvent rejected(KlineEvent ev, const char *reason)
{
    return rejected(std::move(ev), QString::fromLatin1(reason));
}

QString fromView(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

KlineEvent binanceTradeEvent(KlineEvent ev, const EventAccumulator &acc, std::string_view stream)
{
    if (acc.badTradeField)
        return rejected(std::move(ev), acc.badTradeField);
    if ((acc.tradeFields & RequiredTradeFields) != RequiredTradeFields || acc.symbol.empty())
        return rejected(std::move(ev), "trade misses a required field");
    if (acc.trade.id < 0 || acc.trade.price.units <= 0 || acc.trade.size.units <= 0)
        return rejected(std::move(ev), "trade with a negative id, price or quantity");
    ev.symbol = fromView(acc.symbol);
    if (!stream.empty()) {
        const size_t at = stream.find('@');
        if (at == std::string_view::npos || !equalsIgnoringCase(stream.substr(0, at), acc.symbol)
            || stream.substr(at + 1) != "trade")
            return rejected(std::move(ev),
                            KlineEventParser::tr("trade of %1 does not match stream %2")
                                .arg(ev.symbol, ev.stream));
    }
    ev.trade = acc.trade;
    ev.kind = KlineEvent::Kind::Trade;
    return ev;
}

KlineEvent parseDocument(od::parser &parser, const char *data, size_t length, size_t capacity)
{
    KlineEvent ev;
    if (length > MaxFrameBytes)
        return rejected(std::move(ev), "frame too large");
    od::document doc;
    if (parser.iterate(data, length, capacity).get(doc))
        return rejected(std::move(ev), "malformed JSON");
    od::object obj;
    if (doc.get_object().get(obj))
        return rejected(std::move(ev), "not a JSON object");

    EventAccumulator acc;
    bool hasStream = false, hasData = false, hasId = false, hasResult = false, hasError = false;
    std::string_view stream;
    for (auto fieldResult : obj) {
        od::field field;
        if (std::move(fieldResult).get(field))
            return rejected(std::move(ev), "malformed JSON");
        std::string_view key;
        if (field.unescaped_key().get(key))
            return rejected(std::move(ev), "malformed key");
        od::value v = field.value();
        if (key == "stream") {
            if (!readString(v, stream))
                return rejected(std::move(ev), "bad field \"stream\"");
            hasStream = true;
        } else if (key == "data") {
            od::object payload;
            if (v.get_object().get(payload))
                return rejected(std::move(ev), "\"data\" is not an object");
            hasData = true;
            for (auto inner : payload) {
                od::field f;
                std::string_view k;
                if (std::move(inner).get(f) || f.unescaped_key().get(k))
                    return rejected(std::move(ev), "malformed JSON in \"data\"");
                if (const char *why = eventField(k, f.value(), acc))
                    return rejected(std::move(ev), why);
            }
        } else if (key == "id") {
            bool isNull = false;
            if (!v.is_null().get(isNull) && isNull) {
                ev.id = -1;
            } else if (!readInt(v, ev.id)) {
                return rejected(std::move(ev), "bad field \"id\"");
            }
            hasId = true;
        } else if (key == "result") {
            hasResult = true;
            bool isNull = false;
            if (!v.is_null().get(isNull) && isNull)
                continue;
            od::array list;
            if (v.get_array().get(list))
                return rejected(std::move(ev), "bad field \"result\"");
            for (auto item : list) {
                std::string_view s;
                if (item.get_string().get(s))
                    return rejected(std::move(ev), "bad entry in \"result\"");
                ev.result.append(fromView(s));
            }
        } else if (key == "error") {
            hasError = true;
            od::object error;
            if (v.get_object().get(error))
                return rejected(std::move(ev), "bad field \"error\"");
            ev.errorCode = -1;
            for (auto inner : error) {
                od::field f;
                std::string_view k;
                if (std::move(inner).get(f) || f.unescaped_key().get(k))
                    return rejected(std::move(ev), "malformed JSON in \"error\"");
                if (k == "code") {
                    qint64 code = 0;
                    if (readInt(f.value(), code))
                        ev.errorCode = int(code);
                } else if (k == "msg") {
                    std::string_view msg;
                    if (readString(f.value(), msg))
                        ev.errorMessage = fromView(msg);
                }
            }
        } else if (const char *why = eventField(key, v, acc)) {
            return rejected(std::move(ev), why);
        }
    }

    if (hasStream != hasData)
        return rejected(std::move(ev), "combined-stream wrapper without \"stream\" or \"data\"");
    if (hasStream)
        ev.stream = fromView(stream);

    if (!acc.hasEvent) {
        if (hasResult || hasError || (hasId && !hasData)) {
            ev.kind = KlineEvent::Kind::Response;
            return ev;
        }
        return rejected(std::move(ev), "no event type");
    }
    ev.eventTime = acc.eventTime;
    if (acc.eventType == "serverShutdown") {
        ev.kind = KlineEvent::Kind::ServerShutdown;
        return ev;
    }
    if (acc.eventType == "trade")
        return binanceTradeEvent(std::move(ev), acc, hasStream ? stream : std::string_view());
    if (acc.eventType != "kline") {
        ev.kind = KlineEvent::Kind::Unknown;
        ev.reason = KlineEventParser::tr("unknown event \"%1\"").arg(fromView(acc.eventType));
        return ev;
    }

    if (!acc.hasKline)
        return rejected(std::move(ev), "kline event without \"k\"");
    if ((acc.klineFields & RequiredKlineFields) != RequiredKlineFields)
        return rejected(std::move(ev), "kline misses a required field");
    if (!acc.symbol.empty() && acc.symbol != acc.klineSymbol)
        return rejected(std::move(ev), "event symbol differs from kline symbol");
    const QString intervalName = fromView(acc.klineInterval);
    const std::optional<Interval> interval = Intervals::parse(intervalName);
    if (!interval)
        return rejected(std::move(ev),
                        KlineEventParser::tr("unknown interval \"%1\"").arg(intervalName));
    ev.symbol = fromView(acc.klineSymbol);
    ev.interval = *interval;
    ev.candle = acc.candle;
    if (hasStream && !streamMatches(stream, acc.klineSymbol, acc.klineInterval))
        return rejected(std::move(ev),
                        KlineEventParser::tr("payload %1 %2 does not match stream %3")
                            .arg(ev.symbol, intervalName, ev.stream));
    const QString why = candleRejection(ev.candle, ev.interval);
    if (!why.isEmpty())
        return rejected(std::move(ev), why);
    if (acc.closeTime != Intervals::closeTime(ev.interval, ev.candle.openTime))
        return rejected(
            std::move(ev),
            KlineEventParser::tr("close time %1 does not fit open time %2")
                .arg(UtcTime::format(acc.closeTime), UtcTime::format(ev.candle.openTime)));
    ev.kind = KlineEvent::Kind::Kline;
    return ev;
}

} // namespace

struct KlineEventParser::Private
{
    od::parser parser{MaxFrameBytes};
    std::vector<char> buffer;
    QStringEncoder encoder{QStringEncoder::Utf8, QStringConverter::Flag::Stateless};

    char *reserve(size_t bytes)
    {
        if (buffer.size() < bytes + simdjson::SIMDJSON_PADDING)
            buffer.resize(bytes + simdjson::SIMDJSON_PADDING);
        return buffer.data();
    }
};

KlineEventParser::KlineEventParser()
    : d(std::make_unique<Private>())
{
}

KlineEventParser::~KlineEventParser() = default;

KlineEvent KlineEventParser::parse(QStringView text)
{
    if (size_t(text.size()) > MaxFrameBytes)
        return rejected(KlineEvent(), "frame too large");
    char *begin = d->reserve(size_t(d->encoder.requiredSpace(text.size())));
    char *end = d->encoder.appendToBuffer(begin, text);
    return parseDocument(d->parser, begin, size_t(end - begin), d->buffer.size());
}

KlineEvent KlineEventParser::parse(QByteArrayView utf8)
{
    if (size_t(utf8.size()) > MaxFrameBytes)
        return rejected(KlineEvent(), "frame too large");
    char *begin = d->reserve(size_t(utf8.size()));
    if (!utf8.isEmpty())
        std::memcpy(begin, utf8.data(), size_t(utf8.size()));
    return parseDocument(d->parser, begin, size_t(utf8.size()), d->buffer.size());
}

QString KlineEventParser::streamName(QStringView symbol, Interval interval)
{
    return symbol.toString().toLower() + QLatin1StringView("@kline_") + Intervals::name(interval);
}

QString KlineEventParser::tradeStreamName(QStringView symbol)
{
    return symbol.toString().toLower() + QLatin1StringView("@trade");
}

std::optional<KlineEventParser::StreamId> KlineEventParser::parseStreamName(QStringView stream)
{
    const qsizetype at = stream.indexOf(u'@');
    if (at <= 0)
        return std::nullopt;
    QStringView rest = stream.mid(at + 1);
    if (!rest.startsWith(QLatin1StringView("kline_")))
        return std::nullopt;
    rest = rest.mid(6);
    const std::optional<Interval> interval = Intervals::parse(rest);
    if (!interval)
        return std::nullopt;
    const QStringView symbol = stream.left(at);
    for (QChar ch : symbol) {
        if (!(ch.isDigit() || (ch >= u'a' && ch <= u'z') || (ch >= u'A' && ch <= u'Z')))
            return std::nullopt;
    }
    return StreamId{symbol.toString().toUpper(), *interval};
}

} // namespace Candlewick
