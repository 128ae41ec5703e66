#include "preferencesdialog.h"

#include "settingskeys.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <postgrescandlestore.h>
#include <exchangeregistry.h>
#include <exchange.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

namespace Candlewick {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_database(new QLineEdit(this))
    , m_databasePassword(new QLineEdit(this))
    , m_databaseError(new QLabel(this))
    , m_restUrl(new QLineEdit(this))
    , m_wsUrl(new QLineEdit(this))
    , m_proxy(new QLineEdit(this))
    , m_pluginDirs(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_database->setPlaceholderText(CandleStore::defaultPath());
    // A long path does not fit the field: the whole of it is in the tooltip.
    connect(m_database, &QLineEdit::textChanged, this, [this](const QString &path) {
        m_database->setToolTip(path.isEmpty() ? m_database->placeholderText() : path);
        checkDatabase();
    });
    m_database->setToolTip(m_database->placeholderText());
    m_databasePassword->setEchoMode(QLineEdit::Password);
    m_databasePassword->setPlaceholderText(tr("PostgreSQL password (if the server asks for one)"));
    m_databaseError->setWordWrap(true);
    m_databaseError->setStyleSheet(QStringLiteral("color: #c62828"));
    // The URLs in effect when the field is empty: from the environment, else the default. The
    // environment wins over this setting too, which the tooltip says.
    const Exchange &binance = ExchangeRegistry::defaultExchange();
    auto showInEffect = [this](QLineEdit *edit, const QString &variable, const QUrl &fallback) {
        const QString fromEnvironment = qEnvironmentVariable(variable.toLocal8Bit().constData());
        edit->setPlaceholderText(fromEnvironment.isEmpty() ? fallback.toString() : fromEnvironment);
        if (!fromEnvironment.isEmpty())
            edit->setToolTip(tr("In effect: %1, from the environment variable %2, which overrides "
                                "this setting.")
                                 .arg(fromEnvironment, variable));
    };
    showInEffect(m_restUrl, binance.environmentVariable("REST_URL"), binance.defaultRestUrl);
    showInEffect(m_wsUrl, binance.environmentVariable("WS_URL"), binance.defaultWsUrl);
    m_proxy->setPlaceholderText(tr("host:port (empty: no proxy)"));
    m_pluginDirs->setPlaceholderText(tr("Directories separated by %1").arg(QDir::listSeparator()));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *dbRow = new QHBoxLayout;
    dbRow->addWidget(m_database, 1);
    dbRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Database (file or URL):"), dbRow);
    form->addRow(QString(), m_databaseError);
    form->addRow(tr("Database password:"), m_databasePassword);
    form->addRow(tr("Binance REST URL:"), m_restUrl);
    form->addRow(tr("Binance WebSocket URL:"), m_wsUrl);
    form->addRow(tr("Proxy:"), m_proxy);
    form->addRow(tr("Strategy plugin directories:"), m_pluginDirs);
    form->addRow(tr("Language:"), m_language);
    form->addRow(tr("Theme:"), m_theme);
    auto *note = new QLabel(tr("A new language, database or network setting takes effect at the "
                               "next start."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);

    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_database->setWhatsThis(tr("An SQLite file, or a PostgreSQL server as "
                                "postgresql://USER@HOST:PORT/DATABASE (or "
                                "?host=/socket/dir for a local socket)."));
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file
            = QFileDialog::getSaveFileName(this, tr("Database file"), databasePath(),
                                           tr("SQLite databases (*.sqlite *.db);;All files (*)"),
                                           nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            setDatabasePath(file);
    });
    load();
    checkDatabase();
}

void PreferencesDialog::load()
{
    const QSettings s;
    setDatabasePath(s.value(SettingsKeys::databasePath()).toString());
    setRestUrl(s.value(SettingsKeys::restUrl()).toString());
    setWsUrl(s.value(SettingsKeys::wsUrl()).toString());
    setProxy(s.value(SettingsKeys::proxy()).toString());
    setPluginDirectories(s.value(SettingsKeys::pluginDirectories()).toStringList());
    setLanguage(s.value(SettingsKeys::language()).toString());
    setTheme(s.value(SettingsKeys::theme(), QStringLiteral("light")).toString());
}

void PreferencesDialog::save() const
{
    QSettings s;
    auto put = [&s](const QString &key, const QString &value) {
        if (value.isEmpty())
            s.remove(key);
        else
            s.setValue(key, value);
    };
    put(SettingsKeys::databasePath(), databasePath());
    put(SettingsKeys::restUrl(), restUrl());
    put(SettingsKeys::wsUrl(), wsUrl());
    put(SettingsKeys::proxy(), proxy());
    if (pluginDirectories().isEmpty())
        s.remove(SettingsKeys::pluginDirectories());
    else
        s.setValue(SettingsKeys::pluginDirectories(), pluginDirectories());
    s.setValue(SettingsKeys::language(), language());
    s.setValue(SettingsKeys::theme(), theme());
}

void PreferencesDialog::accept()
{
    if (!databaseError().isEmpty())
        return;
    save();
    QDialog::accept();
}

QString PreferencesDialog::databasePath() const
{
    const QString location = m_database->text().trimmed();
    const QString password = m_databasePassword->text();
    if (!PostgresCandleStore::isUrl(location) || password.isEmpty())
        return location;
    QUrl url(location);
    url.setPassword(password);
    return url.toString();
}

void PreferencesDialog::setDatabasePath(const QString &path)
{
    // A URL's password goes to the hidden field: the URL field never shows it.
    QUrl url(path);
    if (PostgresCandleStore::isUrl(path) && !url.password().isEmpty()) {
        m_databasePassword->setText(url.password());
        url.setPassword(QString());
        m_database->setText(url.toString());
    } else {
        m_databasePassword->clear();
        m_database->setText(path);
    }
}

QString PreferencesDialog::databaseError() const
{
    const QString location = m_database->text().trimmed();
    if (const QString why = CandleDatabase::locationError(location); !why.isEmpty())
        return why;
    if (PostgresCandleStore::isUrl(location) && !QUrl(location, QUrl::StrictMode).isValid())
        return tr("Not a valid URL: %1").arg(QUrl(location).errorString());
    return {};
}

void PreferencesDialog::checkDatabase()
{
    const QString error = databaseError();
    m_databaseError->setText(error);
    m_databaseError->setVisible(!error.isEmpty());
    m_databasePassword->setEnabled(PostgresCandleStore::isUrl(m_database->text().trimmed()));
    if (m_ok)
        m_ok->setEnabled(error.isEmpty());
}
QString PreferencesDialog::restUrl() const
{
    return m_restUrl->text().trimmed();
}
void PreferencesDialog::setRestUrl(const QString &url)
{
    m_restUrl->setText(url);
}
QString PreferencesDialog::wsUrl() const
{
    return m_wsUrl->text().trimmed();
}
void PreferencesDialog::setWsUrl(const QString &url)
{
    m_wsUrl->setText(url);
}
QString PreferencesDialog::proxy() const
{
    return m_proxy->text().trimmed();
}
void PreferencesDialog::setProxy(const QString &proxy)
{
    m_proxy->setText(proxy);
}

QStringList PreferencesDialog::pluginDirectories() const
{
    return m_pluginDirs->text().split(QDir::listSeparator(), Qt::SkipEmptyParts);
}

void PreferencesDialog::setPluginDirectories(const QStringList &dirs)
{
    m_pluginDirs->setText(dirs.join(QDir::listSeparator()));
}

QString PreferencesDialog::language() const
{
    return m_language->currentData().toString();
}

void PreferencesDialog::setLanguage(const QString &language)
{
    const int i = m_language->findData(language);
    m_language->setCurrentIndex(i >= 0 ? i : 0);
}

QString PreferencesDialog::theme() const
{
    return m_theme->currentData().toString();
}

void PreferencesDialog::setTheme(const QString &theme)
{
    const int i = m_theme->findData(theme);
    m_theme->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace Candlewick
