#include "klinesparser.h"

#include <candlevalidation.h>
#include <decimalunits.h>

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

namespace Candlewick {

using namespace simdjson;

struct KlinesParser::Impl
{
    ondemand::parser parser;
    std::string buffer; // the body plus simdjson's padding
};

namespace {

constexpr int FieldCount = 12;

const char *fieldName(int index)
{
    static const char *const names[FieldCount]
        = {"open time",       "open",       "high",         "low",    "close",
           "volume",          "close time", "quote volume", "trades", "taker buy base",
           "taker buy quote", "ignore"};
    return index < FieldCount ? names[index] : "extra";
}

QString simdError(error_code code)
{
    return QString::fromLatin1(error_message(code));
}

// A decimal number as Binance prints it: "0.01634790" (or a bare JSON number).
// `exact`, when given, gets the units of 1e-8 of a quote value too long for a double (else 0).
bool readDouble(ondemand::value &value, double *out, QString *why, qint64 *exact = nullptr)
{
    ondemand::json_type type;
    if (auto err = value.type().get(type)) {
        *why = simdError(err);
        return false;
    }
    if (type == ondemand::json_type::string) {
        std::string_view text;
        if (auto err = value.get_string().get(text)) {
            *why = simdError(err);
            return false;
        }
        const char *first = text.data();
        const char *last = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(first, last, *out);
        if (ec == std::errc::result_out_of_range) {
            *why = KlinesParser::tr("number out of range");
            return false;
        }
        if (ec != std::errc() || ptr != last || text.empty()) {
            *why = KlinesParser::tr("not a decimal number: \"%1\"")
                       .arg(QString::fromUtf8(text.data(),
                                              qsizetype(std::min<size_t>(text.size(), 40))));
            return false;
        }
        if (exact)
            *exact = DecimalUnits::quoteUnitsOf(text);
        return true;
    }
    if (type == ondemand::json_type::number) {
        if (auto err = value.get_double().get(*out)) {
            *why = simdError(err);
            return false;
        }
        return true;
    }
    *why = KlinesParser::tr("expected a decimal string");
    return false;
}

bool readInteger(ondemand::value &value, qint64 *out, QString *why)
{
    ondemand::json_type type;
    if (auto err = value.type().get(type)) {
        *why = simdError(err);
        return false;
    }
    if (type != ondemand::json_type::number) {
        *why = KlinesParser::tr("expected an integer");
        return false;
    }
    int64_t v = 0;
    if (auto err = value.get_int64().get(v)) {
        *why = err == NUMBER_OUT_OF_RANGE || err == INCORRECT_TYPE
            ? KlinesParser::tr("not a 64-bit integer")
            : simdError(err);
        return false;
    }
    *out = v;
    return true;
}

} // namespace

KlinesParser::KlinesParser()
    : d(std::make_unique<Impl>())
{
}

KlinesParser::~KlinesParser() = default;

bool KlinesParser::parse(QByteArrayView json)
{
    m_candles.clear();
    m_closeTimes.clear();
    m_error.clear();

    auto fail = [this](const QString &why) {
        m_candles.clear();
        m_closeTimes.clear();
        m_error = why;
        return false;
    };

    const size_t size = size_t(json.size());
    d->buffer.resize(size + SIMDJSON_PADDING);
    if (size > 0)
        std::memcpy(d->buffer.data(), json.data(), size);
    std::memset(d->buffer.data() + size, 0, SIMDJSON_PADDING);

    ondemand::document doc;
    if (auto err = d->parser.iterate(d->buffer.data(), size, d->buffer.size()).get(doc))
        return fail(tr("invalid JSON: %1").arg(simdError(err)));

    ondemand::array rows;
    if (auto err = doc.get_array().get(rows)) {
        return fail(err == INCORRECT_TYPE ? tr("expected a JSON array of klines")
                                          : tr("invalid JSON: %1").arg(simdError(err)));
    }

    // A typical page is 1000 rows of ~150 bytes.
    m_candles.reserve(qsizetype(size / 120 + 1));
    m_closeTimes.reserve(qsizetype(size / 120 + 1));

    int rowIndex = 0;
    QString why;
    for (auto rowResult : rows) {
        ondemand::array row;
        if (auto err = rowResult.get_array().get(row)) {
            return fail(err == INCORRECT_TYPE
                            ? tr("row %1 is not an array").arg(rowIndex)
                            : tr("invalid JSON at row %1: %2").arg(rowIndex).arg(simdError(err)));
        }
        Candle c;
        qint64 closeTime = 0;
        int field = 0;
        for (auto fieldResult : row) {
            ondemand::value value;
            if (auto err = fieldResult.get(value))
                return fail(tr("invalid JSON at row %1: %2").arg(rowIndex).arg(simdError(err)));
            bool ok = true;
            switch (field) {
            case 0:
                ok = readInteger(value, &c.openTime, &why);
                break;
            case 1:
                ok = readDouble(value, &c.open, &why);
                break;
            case 2:
                ok = readDouble(value, &c.high, &why);
                break;
            case 3:
                ok = readDouble(value, &c.low, &why);
                break;
            case 4:
                ok = readDouble(value, &c.close, &why);
                break;
            case 5:
                ok = readDouble(value, &c.volume, &why);
                break;
            case 6:
                ok = readInteger(value, &closeTime, &why);
                break;
            case 7:
                ok = readDouble(value, &c.quoteVolume, &why, &c.quoteVolumeE8);
                break;
            case 8:
                ok = readInteger(value, &c.trades, &why);
                break;
            case 9:
                ok = readDouble(value, &c.takerBuyBase, &why);
                break;
            case 10:
                ok = readDouble(value, &c.takerBuyQuote, &why, &c.takerBuyQuoteE8);
                break;
            default:
                break; // the unused field and anything Binance may add later
            }
            if (!ok) {
                return fail(tr("row %1, field %2 (%3): %4")
                                .arg(rowIndex)
                                .arg(field)
                                .arg(QLatin1StringView(fieldName(field)), why));
            }
            ++field;
        }
        if (field < FieldCount) {
            return fail(
                tr("row %1 has %2 fields, expected %3").arg(rowIndex).arg(field).arg(FieldCount));
        }
        // Before any arithmetic on them: a crafted time near the ends of qint64 would overflow.
        why = rowTimesRejection(c.openTime, closeTime);
        if (!why.isEmpty())
            return fail(tr("row %1: %2").arg(rowIndex).arg(why));
        c.closed = true;
        m_candles.append(c);
        m_closeTimes.append(closeTime);
        ++rowIndex;
    }
    // Errors found while leaving the array (e.g. truncation right after a row) and trailing data.
    const char *location = nullptr;
    if (doc.current_location().get(location) == SUCCESS)
        return fail(tr("unexpected data after the klines array"));
    return true;
}

} // namespace Candlewick
