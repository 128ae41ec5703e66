#include "marketspanel.h"

#include "exchangesessions.h"
#include "settingskeys.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Candlewick {

namespace {
constexpr int SymbolRole = Qt::UserRole + 1;
constexpr int SortRole = Qt::UserRole + 2;
constexpr int FilterRole = Qt::UserRole + 3; // "BTCUSDT|fav" or "BTCUSDT|"

void setFavouriteRoles(QStandardItem *item, const QString &symbol, bool fav)
{
    item->setData(QString((fav ? QLatin1Char('0') : QLatin1Char('1')) + symbol), SortRole);
    item->setData(symbol + (fav ? QStringLiteral("|fav") : QStringLiteral("|")), FilterRole);
}
} // namespace

MarketsPanel::MarketsPanel(QWidget *parent)
    : QWidget(parent)
    , m_exchange(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_favouritesOnly(new QCheckBox(tr("Favourites only"), this))
    , m_list(new QListView(this))
    , m_status(new QLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    for (const QString &id : ExchangeSessions::ids())
        m_exchange->addItem(ExchangeSessions::displayName(id), id);
    m_exchange->setToolTip(tr("Exchange"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setToolTip(tr("Download the exchange's symbol list again"));
    m_search->setPlaceholderText(tr("Search symbols, e.g. btc"));
    m_search->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(FilterRole);
    m_proxy->setSortRole(SortRole);
    m_list->setModel(m_proxy);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_status->setWordWrap(true);
    m_list->setToolTip(tr("Tick a symbol to keep it as a favourite; double-click to open it."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_exchange, 1);
    top->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_search);
    layout->addWidget(m_favouritesOnly);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);

    connect(m_exchange, &QComboBox::currentIndexChanged, this,
            [this] { emit exchangeChanged(exchange()); });
    connect(refresh, &QPushButton::clicked, this, [this] { emit refreshRequested(exchange()); });
    connect(m_search, &QLineEdit::textChanged, this, &MarketsPanel::updateFilter);
    connect(m_favouritesOnly, &QCheckBox::toggled, this, &MarketsPanel::updateFilter);
    connect(m_model, &QStandardItemModel::itemChanged, this, &MarketsPanel::handleItemChanged);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        emit symbolActivated(exchange(), index.data(SymbolRole).toString());
    });
}

QString MarketsPanel::exchange() const
{
    return m_exchange->currentData().toString();
}

void MarketsPanel::setExchange(const QString &exchange)
{
    const int index = m_exchange->findData(exchange);
    if (index >= 0)
        m_exchange->setCurrentIndex(index);
}

void MarketsPanel::setSymbols(const SymbolList &symbols)
{
    m_loading = true;
    const QStringList favs = QSettings().value(SettingsKeys::favourites(exchange())).toStringList();
    m_model->clear();
    for (const SymbolInfo &s : symbols) {
        auto *item = new QStandardItem(s.symbol);
        item->setData(s.symbol, SymbolRole);
        item->setCheckable(true);
        const bool fav = favs.contains(s.symbol);
        item->setCheckState(fav ? Qt::Checked : Qt::Unchecked);
        setFavouriteRoles(item, s.symbol, fav);
        QString tip = tr("%1 / %2").arg(s.baseAsset, s.quoteAsset);
        if (!s.isTrading())
            tip += u' ' + tr("(not trading: %1)").arg(s.status);
        item->setToolTip(tip);
        m_model->appendRow(item);
    }
    m_proxy->sort(0);
    m_loading = false;
    updateFilter();
}

void MarketsPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
}

QStringList MarketsPanel::visibleSymbols() const
{
    QStringList out;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        out.append(m_proxy->index(row, 0).data(SymbolRole).toString());
    return out;
}

QStringList MarketsPanel::favourites() const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->checkState() == Qt::Checked)
            out.append(m_model->item(row)->data(SymbolRole).toString());
    }
    return out;
}

void MarketsPanel::setFavourite(const QString &symbol, bool favourite)
{
    const auto items = m_model->findItems(symbol);
    for (QStandardItem *item : items)
        item->setCheckState(favourite ? Qt::Checked : Qt::Unchecked);
}

void MarketsPanel::handleItemChanged(QStandardItem *item)
{
    if (m_loading)
        return;
    const bool fav = item->checkState() == Qt::Checked;
    const QString symbol = item->data(SymbolRole).toString();
    m_loading = true;
    setFavouriteRoles(item, symbol, fav);
    m_loading = false;
    m_proxy->sort(0);
    saveFavourites();
    updateFilter();
}

void MarketsPanel::saveFavourites() const
{
    QSettings().setValue(SettingsKeys::favourites(exchange()), favourites());
}

void MarketsPanel::updateFilter()
{
    const QString text = QRegularExpression::escape(m_search->text().trimmed());
    QString pattern = QStringLiteral("^[^|]*") + text + QStringLiteral("[^|]*\\|");
    if (m_favouritesOnly->isChecked())
        pattern += QStringLiteral("fav$");
    m_proxy->setFilterRegularExpression(
        QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption));
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_status->setText(
        shown == total ? tr("%n symbol(s)", nullptr, total)
                       : tr("%1 of %n symbol(s)", nullptr, total).arg(QLocale().toString(shown)));
}

QString MarketsPanel::statusText() const
{
    return m_status->text();
}

} // namespace Candlewick
