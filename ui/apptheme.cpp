#include "apptheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Candlewick {

namespace {

// Fusion draws item-view check boxes with a frame too dark to see on a dark window, so both
// themes draw them this way. The style sheet is set after the palette and never removed: set
// before it (or taken away), it leaves the widgets it polished (labels, the status bar) on the
// previous theme's text colour.
QString indicatorStyle(const QString &background, const QString &checkedBorder)
{
    return QStringLiteral("QAbstractItemView::indicator { width: 11px; height: 11px;"
                          " border: 1px solid #8a8e99; border-radius: 2px; background: %1; }"
                          "QAbstractItemView::indicator:checked { background: #2962ff;"
                          " border-color: %2; }")
        .arg(background, checkedBorder);
}

} // namespace

void AppTheme::apply(ChartTheme theme)
{
    if (auto *style = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(style);
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (theme == ChartTheme::Light) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        if (app)
            app->setStyleSheet(
                indicatorStyle(QStringLiteral("#ffffff"), QStringLiteral("#2962ff")));
        return;
    }
    QPalette p;
    const QColor window(0x1e, 0x22, 0x2d);
    const QColor base(0x13, 0x17, 0x22);
    const QColor text(0xd1, 0xd4, 0xdc);
    const QColor disabled(0x6a, 0x6d, 0x78);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x1a, 0x1e, 0x29));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x29, 0x62, 0xff));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x5b, 0x9c, 0xff));
    p.setColor(QPalette::Mid, QColor(0x36, 0x3a, 0x45));
    p.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x18));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x4a));
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    QApplication::setPalette(p);
    if (app)
        app->setStyleSheet(indicatorStyle(QStringLiteral("#13171f"), QStringLiteral("#5b8cff")));
}

ChartTheme AppTheme::fromName(const QString &name)
{
    return name.compare(QLatin1StringView("dark"), Qt::CaseInsensitive) == 0 ? ChartTheme::Dark
                                                                             : ChartTheme::Light;
}

QString AppTheme::name(ChartTheme theme)
{
    return theme == ChartTheme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

} // namespace Candlewick
