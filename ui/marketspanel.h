#pragma once

#include <symbolinfo.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;

namespace Candlewick {

// The markets dock: exchange picker, symbol search over the cached exchangeInfo list and
// favourites that persist in QSettings. Tick a symbol to make it a favourite.
class MarketsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MarketsPanel(QWidget *parent = nullptr);

    QString exchange() const;
    void setExchange(const QString &exchange);
    // Shows `symbols` for the current exchange (favourites first).
    void setSymbols(const SymbolList &symbols);
    void setSearchText(const QString &text);
    // Symbols the filter lets through, in display order.
    QStringList visibleSymbols() const;
    QStringList favourites() const;
    // "12 symbols", or "3 of 12 symbols" while a search or "Favourites only" filters them.
    QString statusText() const;
    void setFavourite(const QString &symbol, bool favourite);

signals:
    void exchangeChanged(const QString &exchange);
    void refreshRequested(const QString &exchange);
    void symbolActivated(const QString &exchange, const QString &symbol);

private:
    void handleItemChanged(QStandardItem *item);
    void saveFavourites() const;
    void updateFilter();

    QComboBox *m_exchange;
    QLineEdit *m_search;
    QCheckBox *m_favouritesOnly;
    QListView *m_list;
    QLabel *m_status;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    bool m_loading = false;
};

} // namespace Candlewick
