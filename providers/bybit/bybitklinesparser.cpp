#include "bybitklinesparser.h"

#include <candlevalidation.h>
#include <wholenumber.h>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace Candlewick {

using namespace simdjson;

struct BybitKlinesParser::Impl
{
    ondemand::parser parser;
    std::string buffer; // the body plus simdjson's padding
};

namespace {

constexpr int BybitKlineFields = 7;

QString bybitSimdError(error_code code)
{
    return BybitKlinesParser::tr("invalid JSON: %1").arg(QString::fromLatin1(error_message(code)));
}

// One field: a number written as a string ("17071.5", "1670608800000").
template<typename T> bool readBybitNumber(ondemand::value &value, T *out)
{
    std::string_view text;
    return !value.get_string().get(text) && parseWholeNumber(text, out);
}

// The rows of result.list, newest first, into `out` (newest first too).
bool parseBybitRows(ondemand::array &rows, CandleBatch *out, QString *error)
{
    auto fail = [error](const QString &why) {
        *error = why;
        return false;
    };
    int rowIndex = 0;
    for (auto rowResult : rows) {
        ondemand::array row;
        if (auto err = rowResult.get_array().get(row)) {
            return fail(err == INCORRECT_TYPE
                            ? BybitKlinesParser::tr("kline row %1 is not an array").arg(rowIndex)
                            : bybitSimdError(err));
        }
        Candle c;
        int field = 0;
        for (auto fieldResult : row) {
            ondemand::value value;
            if (auto err = fieldResult.get(value))
                return fail(bybitSimdError(err));
            bool ok = true;
            switch (field) {
            case 0:
                ok = readBybitNumber(value, &c.openTime);
                break;
            case 1:
                ok = readBybitNumber(value, &c.open);
                break;
            case 2:
                ok = readBybitNumber(value, &c.high);
                break;
            case 3:
                ok = readBybitNumber(value, &c.low);
                break;
            case 4:
                ok = readBybitNumber(value, &c.close);
                break;
            case 5:
                ok = readBybitNumber(value, &c.volume);
                break;
            case 6:
                ok = readBybitNumber(value, &c.quoteVolume);
                break;
            default:
                break; // fields Bybit may add later
            }
            if (!ok) {
                return fail(BybitKlinesParser::tr("kline row %1 is not seven numbers as strings")
                                .arg(rowIndex));
            }
            ++field;
        }
        if (field < BybitKlineFields) {
            return fail(BybitKlinesParser::tr("kline row %1 has %2 fields, expected 7")
                            .arg(rowIndex)
                            .arg(field));
        }
        if (!isPlausibleTime(c.openTime))
            return fail(
                BybitKlinesParser::tr("kline row %1 starts at an absurd time").arg(rowIndex));
        if (!out->isEmpty() && c.openTime >= out->last().openTime)
            return fail(BybitKlinesParser::tr("kline rows are not newest first"));
        c.closed = true;
        out->append(c);
        ++rowIndex;
    }
    return true;
}

} // namespace

BybitKlinesParser::BybitKlinesParser()
    : d(std::make_unique<Impl>())
{
}

BybitKlinesParser::~BybitKlinesParser() = default;

bool BybitKlinesParser::parse(QByteArrayView body)
{
    m_candles.clear();
    m_error.clear();
    auto fail = [this](const QString &why) {
        m_candles.clear();
        m_error = why;
        return false;
    };

    const size_t size = size_t(body.size());
    d->buffer.resize(size + SIMDJSON_PADDING);
    if (size > 0)
        std::memcpy(d->buffer.data(), body.data(), size);
    std::memset(d->buffer.data() + size, 0, SIMDJSON_PADDING);

    ondemand::document doc;
    if (auto err = d->parser.iterate(d->buffer.data(), size, d->buffer.size()).get(doc))
        return fail(bybitSimdError(err));
    ondemand::object root;
    if (auto err = doc.get_object().get(root))
        return fail(err == INCORRECT_TYPE ? tr("not a Bybit v5 response") : bybitSimdError(err));
    // Every field is read or skipped in order, so that a truncated body never passes.
    int64_t retCode = -1;
    bool listSeen = false;
    for (auto rootField : root) {
        std::string_view key;
        if (auto err = rootField.unescaped_key().get(key))
            return fail(bybitSimdError(err));
        if (key == "retCode") {
            if (rootField.value().get_int64().get(retCode))
                return fail(tr("not a Bybit v5 response (retCode)"));
        } else if (key == "result") {
            ondemand::object result;
            if (rootField.value().get_object().get(result))
                return fail(tr("kline result is not an object"));
            for (auto resultField : result) {
                std::string_view name;
                if (auto err = resultField.unescaped_key().get(name))
                    return fail(bybitSimdError(err));
                if (name != "list")
                    continue;
                ondemand::array rows;
                if (resultField.value().get_array().get(rows))
                    return fail(tr("kline result without a list"));
                QString why;
                if (!parseBybitRows(rows, &m_candles, &why))
                    return fail(why);
                listSeen = true;
            }
        }
    }
    const char *location = nullptr;
    if (doc.current_location().get(location) == SUCCESS)
        return fail(tr("unexpected data after the response"));
    if (retCode != 0)
        return fail(tr("not a successful Bybit v5 response (retCode)"));
    if (!listSeen)
        return fail(tr("kline result without a list"));
    std::reverse(m_candles.begin(), m_candles.end());
    return true;
}

} // namespace Candlewick
