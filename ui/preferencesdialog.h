#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace Candlewick {

// Preferences kept in QSettings: database file, REST/WS base URLs, proxy, plugin directories,
// language and theme. load() fills the form from QSettings, save() writes it back.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    void load();
    void save() const;

    QString databasePath() const;
    void setDatabasePath(const QString &path);
    QString restUrl() const;
    void setRestUrl(const QString &url);
    QString wsUrl() const;
    void setWsUrl(const QString &url);
    QString proxy() const;
    void setProxy(const QString &proxy);
    QStringList pluginDirectories() const;
    void setPluginDirectories(const QStringList &dirs);
    QString language() const; // "", "en", "de", "zh_CN"
    void setLanguage(const QString &language);
    QString theme() const; // "light" or "dark"
    void setTheme(const QString &theme);

    void accept() override;

private:
    QLineEdit *m_database;
    QLineEdit *m_restUrl;
    QLineEdit *m_wsUrl;
    QLineEdit *m_proxy;
    QLineEdit *m_pluginDirs;
    QComboBox *m_language;
    QComboBox *m_theme;
};

} // namespace Candlewick
