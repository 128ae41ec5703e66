#include "localdatapanel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Candlewick {

namespace {

constexpr int KeyRole = Qt::UserRole + 1;

QString isoMinute(qint64 t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mmZ"));
}

// The day in the column (narrow docks), the minute in the tooltip.
void setTime(QTreeWidgetItem *item, int column, qint64 t)
{
    item->setText(
        column, QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")));
    item->setToolTip(column, isoMinute(t));
}

} // namespace

LocalDataPanel::LocalDataPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Series"), tr("Candles"), tr("Missing"), tr("From"), tr("To")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree, 1);
    layout->addWidget(refresh, 0, Qt::AlignRight);

    connect(refresh, &QPushButton::clicked, this, &LocalDataPanel::refreshRequested);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        while (item->parent())
            item = item->parent();
        const auto key = SeriesKey::fromString(item->data(SeriesColumn, KeyRole).toString());
        if (key)
            emit seriesActivated(*key);
    });
}

void LocalDataPanel::setSeries(const QList<SeriesInfo> &series)
{
    m_series = series;
    m_tree->clear();
    const QLocale locale;
    for (const SeriesInfo &info : series) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(SeriesColumn, info.key.toString());
        item->setData(SeriesColumn, KeyRole, info.key.toString());
        item->setText(CandlesColumn, locale.toString(info.candleCount));
        item->setTextAlignment(CandlesColumn, Qt::AlignRight | Qt::AlignVCenter);
        if (info.candleCount > 0) {
            setTime(item, FromColumn, info.firstOpen);
            setTime(item, ToColumn, info.lastOpen);
        }
        item->setText(
            GapsColumn,
            info.missingCandles > 0
                ? tr("%n candle(s)", nullptr, int(std::min<qint64>(info.missingCandles, INT_MAX)))
                : tr("none"));
        item->setTextAlignment(GapsColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(
            SeriesColumn,
            tr("%n covered range(s); double-click to open", nullptr, int(info.coverage.size())));
        for (const TimeRange &r : info.coverage) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(SeriesColumn, tr("covered"));
            setTime(child, FromColumn, r.from);
            setTime(child, ToColumn, r.to);
        }
    }
}

} // namespace Candlewick
