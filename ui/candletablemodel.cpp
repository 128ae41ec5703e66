#include "candletablemodel.h"

#include "seriesdocument.h"

#include <decimalunits.h>

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Candlewick {

namespace {

// Prices with more decimals than this are shown rounded to it.
constexpr int MaxShownDecimals = 12;

} // namespace

CandleTableModel::CandleTableModel(const SeriesDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_rows(int(document->count()))
{
    seePrices(0, m_rows - 1);
    connect(document, &SeriesDocument::reset, this, [this] {
        beginResetModel();
        m_rows = int(m_document->count());
        m_seenDecimals = 0;
        seePrices(0, m_rows - 1);
        endResetModel();
    });
    connect(document, &SeriesDocument::candlesAppended, this, &CandleTableModel::handleAppended);
    connect(document, &SeriesDocument::lastCandleChanged, this,
            &CandleTableModel::handleLastChanged);
}

const CandleBatch &CandleTableModel::candles() const
{
    return m_document->candles();
}

Interval CandleTableModel::interval() const
{
    return m_document->interval();
}

bool CandleTableModel::seePrices(qsizetype first, qsizetype last)
{
    const CandleBatch &candles = m_document->candles();
    const int before = m_seenDecimals;
    for (qsizetype i = std::max<qsizetype>(first, 0); i <= last && i < candles.size(); ++i) {
        const Candle &c = candles.at(i);
        for (double v : {c.open, c.high, c.low, c.close}) {
            if (m_seenDecimals == MaxShownDecimals || DecimalUnits::toUnits(v, m_seenDecimals))
                continue;
            const int needed = DecimalUnits::decimalsOf(v);
            m_seenDecimals = needed < 0 ? MaxShownDecimals
                                        : std::clamp(needed, m_seenDecimals, MaxShownDecimals);
        }
    }
    return m_seenDecimals != before;
}

int CandleTableModel::priceDecimals() const
{
    const int tick = m_document->priceDecimals();
    return tick >= 0 ? tick : m_seenDecimals;
}

void CandleTableModel::handleAppended(qsizetype first, qsizetype count)
{
    const bool wider = seePrices(first, first + count - 1);
    beginInsertRows(QModelIndex(), int(first), int(first + count) - 1);
    m_rows = int(first + count);
    endInsertRows();
    if (wider && first > 0)
        emit dataChanged(index(0, OpenColumn), index(int(first) - 1, CloseColumn));
}

void CandleTableModel::handleLastChanged()
{
    if (m_rows == 0)
        return;
    const int row = m_rows - 1;
    if (seePrices(row, row) && row > 0)
        emit dataChanged(index(0, OpenColumn), index(row - 1, CloseColumn));
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int CandleTableModel::rowForTime(qint64 openTime) const
{
    const CandleBatch &candles = m_document->candles();
    auto it = std::lower_bound(candles.cbegin(), candles.cend(), openTime,
                               [](const Candle &c, qint64 t) { return c.openTime < t; });
    if (it == candles.cend() || it->openTime != openTime)
        return -1;
    return int(it - candles.cbegin());
}

int CandleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int CandleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Candle &c = m_document->candles().at(index.row());
    if (role == CandleRole)
        return QVariant::fromValue(c);
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == OpenTimeColumn || index.column() == StateColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case OpenTimeColumn:
            return c.openTime;
        case OpenColumn:
            return c.open;
        case HighColumn:
            return c.high;
        case LowColumn:
            return c.low;
        case CloseColumn:
            return c.close;
        case VolumeColumn:
            return c.volume;
        case QuoteVolumeColumn:
            return c.quoteVolume;
        case TradesColumn:
            return c.trades;
        case StateColumn:
            return c.closed;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    const int decimals = priceDecimals();
    auto price = [&](double v) { return locale.toString(v, 'f', decimals); };
    switch (index.column()) {
    case OpenTimeColumn:
        return QDateTime::fromMSecsSinceEpoch(c.openTime, Qt::UTC)
            .toString(m_document->interval() == Interval::S1
                          ? QStringLiteral("yyyy-MM-dd HH:mm:ssZ")
                          : QStringLiteral("yyyy-MM-dd HH:mmZ"));
    case OpenColumn:
        return price(c.open);
    case HighColumn:
        return price(c.high);
    case LowColumn:
        return price(c.low);
    case CloseColumn:
        return price(c.close);
    case VolumeColumn:
        return locale.toString(c.volume, 'g', 12);
    case QuoteVolumeColumn:
        return locale.toString(c.quoteVolume, 'g', 12);
    case TradesColumn:
        return locale.toString(c.trades);
    case StateColumn:
        return c.closed ? tr("closed") : tr("forming");
    default:
        return {};
    }
}

QVariant CandleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case OpenTimeColumn:
        return tr("Open time (UTC)");
    case OpenColumn:
        return tr("Open");
    case HighColumn:
        return tr("High");
    case LowColumn:
        return tr("Low");
    case CloseColumn:
        return tr("Close");
    case VolumeColumn:
        return tr("Volume");
    case QuoteVolumeColumn:
        return tr("Quote volume");
    case TradesColumn:
        return tr("Trades");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace Candlewick
