#include "symbolscommand.h"

#include "clioptions.h"

#include <exchange.h>
#include <exchangesession.h>
#include <symbolcatalog.h>

#include <memory>

namespace Candlewick::Cli {

QString SymbolsCommand::summary() const
{
    return tr("List the exchange's tradable symbols.");
}

void SymbolsCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(
        {Options::exchange(),
         Options::db(),
         Options::restUrl(),
         {QStringLiteral("quote"), tr("Only symbols quoted in this asset (USDT)."),
          QStringLiteral("asset")},
         {QStringLiteral("all"), tr("Include symbols that are not trading.")},
         {QStringLiteral("refresh"), tr("Download the list even if the cached one is fresh.")}});
}

int SymbolsCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const std::unique_ptr<ExchangeSession> session = Options::session(parser, error);
    if (!session)
        return fail(err, error, BadInput);
    const Exchange *exchange = &session->exchange();
    const auto database = Options::database(parser, CandleDatabase::Access::ReadWrite, error);
    if (!database)
        return fail(err, error);
    auto *catalog = new SymbolCatalog(session->symbols(), exchange->id, database, {},
                                      parser.isSet(QStringLiteral("refresh")));
    if (!catalog->exec())
        return fail(err,
                    tr("cannot get the symbol list of %1: %2")
                        .arg(exchange->translatedName(), catalog->errorString()));
    const SymbolList &symbols = catalog->symbols();

    const QString quote = parser.value(QStringLiteral("quote")).toUpper();
    const bool all = parser.isSet(QStringLiteral("all"));
    int shown = 0;
    for (const SymbolInfo &s : symbols) {
        if ((!all && !s.isTrading()) || (!quote.isEmpty() && s.quoteAsset != quote))
            continue;
        out << s.symbol << '\t' << exchange->unifiedSymbol(s) << '\t' << s.baseAsset << '\t'
            << s.quoteAsset << '\t' << s.status << '\n';
        ++shown;
    }
    // The table on stdout is for scripts (tab-separated, untranslated: native id, unified id, base,
    // quote, status); the count is for people.
    err << tr("%1 symbols").arg(shown) << '\n';
    return Success;
}

} // namespace Candlewick::Cli
