#include "coinbasesymbolsjob.h"

#include "coinbaseapi.h"
#include "coinbaserestprovider.h"

#include <exchangerestcall.h>

namespace Candlewick {

namespace {
const QString CoinbaseProductsPath = QStringLiteral("/market/products");
} // namespace

CoinbaseSymbolsJob::CoinbaseSymbolsJob(CoinbaseRestProvider *provider)
    : SymbolsJob(provider)
    , m_provider(provider)
{
}

CoinbaseSymbolsJob::~CoinbaseSymbolsJob()
{
    delete m_call.data();
}

void CoinbaseSymbolsJob::doStart()
{
    if (!m_provider) {
        QMetaObject::invokeMethod(
            this, [this] { emitResult(ProviderError::providerGone(QStringLiteral("Coinbase"))); },
            Qt::QueuedConnection);
        return;
    }
    ExchangeRestCall *call = m_provider->newCall(CoinbaseProductsPath, {}, {}, this);
    call->setValidator(
        [this](const QByteArray &body) { return CoinbaseApi::parseProducts(body, &m_symbols); });
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this, [this, call] {
        call->deleteLater();
        finishWith(std::move(m_symbols));
    });
    connect(call, &ExchangeRestCall::failed, this,
            [this](const ProviderError &error) { emitResult(error); });
    m_call = call;
    call->start();
}

void CoinbaseSymbolsJob::doKill()
{
    delete m_call.data();
}

} // namespace Candlewick
