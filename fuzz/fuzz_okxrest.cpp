// OKX v5 REST bodies: the {"code","msg","data"} envelope, candle rows (spot and swap volumes)
// and instruments.
#include <okx/okxparser.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    const auto envelope = OkxParser::parseEnvelope(body, &why);
    if (!envelope) {
        if (why.isEmpty())
            std::abort(); // every refusal says why
        return 0;
    }
    for (bool derivative : {false, true}) {
        QList<OkxParser::CandleRow> rows;
        if (!OkxParser::parseCandleRows(envelope->data, derivative, &rows).isEmpty())
            continue;
        if (rows.size() > envelope->data.size())
            std::abort(); // one candle per row at most
    }
    SymbolList symbols;
    OkxParser::parseInstruments(envelope->data, &symbols);
    return 0;
}
