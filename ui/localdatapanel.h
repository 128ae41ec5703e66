#pragma once

#include <seriesinfo.h>

#include <QWidget>

class QTreeWidget;

namespace Candlewick {

// The local data dock: every stored series with its covered ranges, candle count and gaps.
// Double-click (or Enter) opens a series.
class LocalDataPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { SeriesColumn, CandlesColumn, GapsColumn, FromColumn, ToColumn, ColumnCount };

    explicit LocalDataPanel(QWidget *parent = nullptr);

    void setSeries(const QList<SeriesInfo> &series);
    const QList<SeriesInfo> &series() const { return m_series; }
    QTreeWidget *tree() const { return m_tree; }

signals:
    void seriesActivated(const Candlewick::SeriesKey &key);
    void refreshRequested();

private:
    QTreeWidget *m_tree;
    QList<SeriesInfo> m_series;
};

} // namespace Candlewick
