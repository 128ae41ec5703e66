#include "coinbasesymbolsjob.h"

#include "coinbaseapi.h"
#include "coinbaserestcall.h"
#include "coinbaserestprovider.h"

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
            this,
            [this] {
                emitResult({ProviderError::Kind::Cancelled, 0, 0,
                            QStringLiteral("The Coinbase provider is gone"), 0});
            },
            Qt::QueuedConnection);
        return;
    }
    auto *call = new CoinbaseRestCall(
        m_provider, CoinbaseProductsPath, {},
        {{}, {}, m_provider->endpointUrl(CoinbaseProductsPath, {}).toString()}, this);
    call->setValidator(
        [this](const QByteArray &body) { return CoinbaseApi::parseProducts(body, &m_symbols); });
    connect(call, &CoinbaseRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &CoinbaseRestCall::succeeded, this, [this, call] {
        call->deleteLater();
        finishWith(std::move(m_symbols));
    });
    connect(call, &CoinbaseRestCall::failed, this,
            [this](const ProviderError &error) { emitResult(error); });
    m_call = call;
    call->start();
}

void CoinbaseSymbolsJob::doKill()
{
    delete m_call.data();
}

} // namespace Candlewick
