<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Candlewick::CandleTableModel</name>
    <message>
        <source>closed</source>
        <translation>已收盘</translation>
    </message>
    <message>
        <source>forming</source>
        <translation>形成中</translation>
    </message>
    <message>
        <source>Open time (UTC)</source>
        <translation>开盘时间 (UTC)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开盘</translation>
    </message>
    <message>
        <source>High</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>收盘</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <source>Quote volume</source>
        <translation>成交额</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>成交笔数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Candlewick::ChartView</name>
    <message>
        <source>Click to download the missing candles.</source>
        <translation>点击下载缺失的K线。</translation>
    </message>
    <message>
        <source>Drag to scale the prices, double-click to fit them.</source>
        <translation>拖动可缩放价格，双击恢复自动适配。</translation>
    </message>
</context>
<context>
    <name>Candlewick::DownloadDialog</name>
    <message>
        <source>Download history</source>
        <translation>下载历史数据</translation>
    </message>
    <message>
        <source>e.g. BTCUSDT</source>
        <translation>例如 BTCUSDT</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>交易所：</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>交易对：</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>From (UTC):</source>
        <translation>开始 (UTC)：</translation>
    </message>
    <message>
        <source>To (UTC):</source>
        <translation>结束 (UTC)：</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Enter a symbol, for example BTCUSDT.</source>
        <translation>请输入交易对，例如 BTCUSDT。</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>No database is open: choose one in the preferences.</source>
        <translation>未打开数据库：请在首选项中选择一个。</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>%1 of %2 candles · %3 candles/s</source>
        <translation>%1 / %2 根K线 · %3 根/秒</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Already in the local store: nothing to download.</source>
        <translation>本地已有这些数据：无需下载。</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n candle(s) stored.</source>
        <translation>
            <numerusform>完成：已保存 %n 根K线。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. What was downloaded so far is kept.</source>
        <translation>已取消。已下载的数据会保留。</translation>
    </message>
    <message>
        <source>The exchange could not be reached. Check the network connection or the proxy in the preferences, then try again.</source>
        <translation>无法连接交易所。请检查网络连接或首选项中的代理设置，然后重试。</translation>
    </message>
    <message>
        <source>The exchange asked us to slow down. Try again in a few minutes.</source>
        <translation>交易所要求降低请求频率。请几分钟后重试。</translation>
    </message>
    <message>
        <source>The exchange does not know the symbol %1.</source>
        <translation>交易所不存在交易对 %1。</translation>
    </message>
    <message>
        <source>The exchange does not offer the interval %1.</source>
        <translation>交易所不提供周期 %1。</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>下载失败。</translation>
    </message>
    <message>
        <source>What went wrong, in detail</source>
        <translation>详细的出错原因</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Retrying %1/%2 — %3</source>
        <translation>正在重试 %1/%2 — %3</translation>
    </message>
    <message>
        <source>The exchange refused access from this network (a firewall or a regional block). Try another network, or another REST URL in the preferences.</source>
        <translation>交易所拒绝了来自此网络的访问（防火墙或地区限制）。请换一个网络，或在首选项中设置其他 REST URL。</translation>
    </message>
    <message>
        <source>The exchange had trouble answering, even after several tries. Try again later.</source>
        <translation>交易所多次尝试后仍无法应答。请稍后再试。</translation>
    </message>
    <message>
        <source>the REST URL in the preferences</source>
        <translation>首选项中的 REST URL</translation>
    </message>
    <message>
        <source>Whole past days from the exchange&apos;s public archive (checksummed files, much faster)</source>
        <translation>过去的整天取自交易所公开归档（带校验和的文件，快得多）</translation>
    </message>
    <message>
        <source>This exchange has no public archive for this interval (or a REST URL of your own is set).</source>
        <translation>该交易所没有此周期的公开归档（或设置了自己的 REST URL）。</translation>
    </message>
    <message>
        <source>Downloading %1 from the archive %2…</source>
        <translation>正在从归档 %2 下载 %1…</translation>
    </message>
    <message>
        <source>Archive: %1 of %2 files · %3 · %4 candles · %5 candles/s</source>
        <translation>归档：%1/%2 个文件 · %3 · %4 根 K 线 · %5 根/秒</translation>
    </message>
    <message>
        <source>%1 files from the archive.</source>
        <translation>%1 个文件来自归档。</translation>
    </message>
    <message>
        <source>The archive could not be reached: everything came over REST.</source>
        <translation>无法连接归档：全部通过 REST 下载。</translation>
    </message>
    <message>
        <source>Some archive files failed their checks; their days came over REST.</source>
        <translation>部分归档文件未通过校验；这些天的数据通过 REST 下载。</translation>
    </message>
</context>
<context>
    <name>Candlewick::LocalDataPanel</name>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>K线</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message numerus="yes">
        <source>%n candle(s)</source>
        <translation>
            <numerusform>%n 根K线</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n covered range(s); double-click to open</source>
        <translation>
            <numerusform>%n 个已覆盖区间；双击打开</numerusform>
        </translation>
    </message>
    <message>
        <source>covered</source>
        <translation>已覆盖</translation>
    </message>
</context>
<context>
    <name>Candlewick::MainWindow</name>
    <message>
        <source>Candlewick</source>
        <translation>Candlewick</translation>
    </message>
    <message>
        <source>Chart interval (resampled from the stored interval)</source>
        <translation>图表周期（由已存储的周期重采样）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the live feed of this series</source>
        <translation>跟随该序列的实时行情</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Zoom out to the whole series (double-click the chart)</source>
        <translation>缩小到整个序列（双击图表）</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Scroll to the newest candle (End)</source>
        <translation>滚动到最新K线 (End)</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>K线</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Local data</source>
        <translation>本地数据</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Download history…</source>
        <translation>下载历史数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo market</source>
        <translation>打开演示市场(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Light theme</source>
        <translation>浅色主题(&amp;L)</translation>
    </message>
    <message>
        <source>D&amp;ark theme</source>
        <translation>深色主题(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Candlewick</source>
        <translation>关于 Candlewick(&amp;A)</translation>
    </message>
    <message>
        <source>About Candlewick</source>
        <translation>关于 Candlewick</translation>
    </message>
    <message>
        <source>&lt;b&gt;Candlewick %1&lt;/b&gt;&lt;p&gt;Crypto market data: download, record and replay candles on fluid charts.&lt;/p&gt;&lt;p&gt;Keys on the chart: arrows pan and zoom, +/- zoom, Home/End jump to the start/end, double-click shows everything.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Candlewick %1&lt;/b&gt;&lt;p&gt;加密货币行情数据：在流畅的图表上下载、录制和回放K线。&lt;/p&gt;&lt;p&gt;图表按键：方向键平移和缩放，+/- 缩放，Home/End 跳到开头/结尾，双击显示全部。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>Opened database %1</source>
        <translation>已打开数据库 %1</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2</source>
        <translation>%1 下载失败：%2</translation>
    </message>
    <message>
        <source>Preferences saved.</source>
        <translation>首选项已保存。</translation>
    </message>
    <message numerus="yes">
        <source>%n symbol(s) loaded from %1.</source>
        <translation>
            <numerusform>已从 %1 加载 %n 个交易对。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the symbols of %1: %2</source>
        <translation>无法加载 %1 的交易对：%2</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>未打开数据库。</translation>
    </message>
    <message>
        <source>No stored candles for %1 in that range.</source>
        <translation>%1 在该区间内没有已存储的K线。</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n candle(s).</source>
        <translation>
            <numerusform>已打开 %1：%n 根K线。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 candles cannot be made from %2 candles.</source>
        <translation>无法由 %2 K线生成 %1 K线。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>No series open</source>
        <translation>未打开序列</translation>
    </message>
    <message>
        <source>%1 · %2 stored candles · showing %3 × %4</source>
        <translation>%1 · 已存储 %2 根K线 · 显示 %3 × %4</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Following %1 live.</source>
        <translation>正在实时跟随 %1。</translation>
    </message>
    <message>
        <source>The demo market could not be loaded: %1</source>
        <translation>无法加载演示市场：%1</translation>
    </message>
    <message>
        <source>Loading the demo market %1…</source>
        <translation>正在加载演示市场 %1…</translation>
    </message>
    <message>
        <source>Downloaded %1.</source>
        <translation>已下载 %1。</translation>
    </message>
    <message>
        <source>Live feed: %1</source>
        <translation>实时行情：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Strategy plugin %1 skipped: %2</source>
        <translation>已跳过策略插件 %1：%2</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Demo data, made up offline. Real history: Download…; live data: Live on a real exchange&apos;s series.</source>
        <translation>演示数据，离线生成。真实历史数据：“下载…”；实时数据：在真实交易所的序列上开启“实时”。</translation>
    </message>
    <message>
        <source>%1 is stored up to %2. Download… fetches the rest, Live fetches it too.</source>
        <translation>%1 已存储至 %2。“下载…”可获取其余部分，“实时”也会获取。</translation>
    </message>
    <message>
        <source>Could not fetch %1 up to now: %2</source>
        <translation>无法获取 %1 至当前的数据：%2</translation>
    </message>
    <message>
        <source>Fetching %1 from %2 up to now…</source>
        <translation>正在获取 %1 从 %2 至当前的数据…</translation>
    </message>
</context>
<context>
    <name>Candlewick::MarketsPanel</name>
    <message>
        <source>Favourites only</source>
        <translation>仅收藏</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Download the exchange&apos;s symbol list again</source>
        <translation>重新下载交易所的交易对列表</translation>
    </message>
    <message>
        <source>Search symbols, e.g. btc</source>
        <translation>搜索交易对，例如 btc</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>(not trading: %1)</source>
        <translation>(未交易：%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n symbol(s)</source>
        <translation>
            <numerusform>%n 个交易对</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick a symbol to keep it as a favourite; double-click to open it.</source>
        <translation>勾选交易对即可收藏；双击打开。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n symbol(s)</source>
        <translation>
            <numerusform>%1 / %n 个交易对</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Candlewick::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>host:port (empty: no proxy)</source>
        <translation>主机:端口（留空：不使用代理）</translation>
    </message>
    <message>
        <source>Directories separated by %1</source>
        <translation>多个目录以 %1 分隔</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Binance REST URL:</source>
        <translation>Binance REST 地址：</translation>
    </message>
    <message>
        <source>Binance WebSocket URL:</source>
        <translation>Binance WebSocket 地址：</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
    <message>
        <source>Strategy plugin directories:</source>
        <translation>策略插件目录：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>A new language, database or network setting takes effect at the next start.</source>
        <translation>新的语言、数据库或网络设置将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>In effect: %1, from the environment variable %2, which overrides this setting.</source>
        <translation>当前生效：%1，来自环境变量 %2，它优先于此设置。</translation>
    </message>
    <message>
        <source>PostgreSQL password (if the server asks for one)</source>
        <translation>PostgreSQL 密码（如果服务器要求）</translation>
    </message>
    <message>
        <source>Database (file or URL):</source>
        <translation>数据库（文件或 URL）：</translation>
    </message>
    <message>
        <source>Database password:</source>
        <translation>数据库密码：</translation>
    </message>
    <message>
        <source>An SQLite file, or a PostgreSQL server as postgresql://USER@HOST:PORT/DATABASE (or ?host=/socket/dir for a local socket).</source>
        <translation>SQLite 文件，或 PostgreSQL 服务器：postgresql://用户@主机:端口/数据库（本地套接字用 ?host=/socket/dir）。</translation>
    </message>
    <message>
        <source>Not a valid URL: %1</source>
        <translation>无效的 URL：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::RecordPanel</name>
    <message>
        <source>Start recording</source>
        <translation>开始录制</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>BTCUSDT, ETHUSDT</source>
        <translation>BTCUSDT, ETHUSDT</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>数据流</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Msg/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>交易所：</translation>
    </message>
    <message>
        <source>Symbols:</source>
        <translation>交易对：</translation>
    </message>
    <message>
        <source>Intervals:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>Recording could not write to the database: %1</source>
        <translation>录制无法写入数据库：%1</translation>
    </message>
    <message>
        <source>Choose at least one symbol and one interval to record.</source>
        <translation>请至少选择一个交易对和一个周期进行录制。</translation>
    </message>
    <message numerus="yes">
        <source>Recording %n stream(s).</source>
        <translation>
            <numerusform>正在录制 %n 个数据流。</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>录制已停止。</translation>
    </message>
    <message>
        <source>Recording connection: %1</source>
        <translation>录制连接：%1</translation>
    </message>
    <message>
        <source>Recording needs an open database.</source>
        <translation>录制需要先打开数据库。</translation>
    </message>
    <message>
        <source>Stored %1 closed candle(s) · %2 gap(s) backfilled with %3 candle(s) · %4 reconnect(s) · %5 write error(s)</source>
        <translation>已保存 %1 根收盘K线 · 补齐 %2 个缺口共 %3 根K线 · 重连 %4 次 · 写入错误 %5 次</translation>
    </message>
    <message>
        <source>%1 has no live feed to record.</source>
        <translation>%1 没有可录制的实时行情。</translation>
    </message>
    <message>
        <source>Last closed</source>
        <translation>最近收盘</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Symbol and interval</source>
        <translation>交易对和周期</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>Open time of the last closed candle (UTC)</source>
        <translation>最近一根已收盘K线的开盘时间（UTC）</translation>
    </message>
    <message>
        <source>Candles backfilled after a drop</source>
        <translation>断线后补齐的K线</translation>
    </message>
    <message>
        <source>Could not check the symbols with %1: %2</source>
        <translation>无法向 %1 核对交易对：%2</translation>
    </message>
    <message>
        <source>%1 does not list %2: nothing recorded.</source>
        <translation>%1 没有列出 %2：未录制任何内容。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Whether this recorder writes the stream, or stands by while another recorder on the same PostgreSQL database writes it</source>
        <translation>此记录器是否写入该数据流，或在同一 PostgreSQL 数据库上的另一个记录器写入时待命</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>写入中</translation>
    </message>
    <message>
        <source>Standing by</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>Another recorder writes this stream; this one takes over when that one stops</source>
        <translation>另一个记录器正在写入此数据流；它停止时由此记录器接管</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayPanel</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>(none: chart only)</source>
        <translation>（无：仅图表）</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间 (UTC)</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Seek (while paused)</source>
        <translation>跳转（暂停时）</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>策略：</translation>
    </message>
    <message>
        <source>Nothing to replay: no stored candles in that range.</source>
        <translation>无可回放内容：该区间内没有已存储的K线。</translation>
    </message>
    <message>
        <source>The strategy could not start: %1</source>
        <translation>策略无法启动：%1</translation>
    </message>
    <message numerus="yes">
        <source>Replayed %n candle(s).</source>
        <translation>
            <numerusform>已回放 %n 根K线。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s), %1 trade(s), return %2%, max drawdown %3%.</source>
        <translation>
            <numerusform>%n 个信号，%1 笔交易，收益 %2%，最大回撤 %3%。</numerusform>
        </translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>买入</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>卖出</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 of %2 candles</source>
        <translation>%1 / %2 根K线</translation>
    </message>
    <message numerus="yes">
        <source>%n candle(s) loaded</source>
        <translation>
            <numerusform>已加载 %n 根K线</numerusform>
        </translation>
    </message>
    <message>
        <source>The replay stopped: %1</source>
        <translation>回放已停止：%1</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Return %</source>
        <translation>收益率 %</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>权益</translation>
    </message>
    <message>
        <source>Drawdown %</source>
        <translation>回撤 %</translation>
    </message>
    <message>
        <source>Drawdown</source>
        <translation>回撤</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Latest reason: %1</source>
        <translation>最新原因：%1</translation>
    </message>
</context>
<context>
    <name>ChartRenderer</name>
    <message>
        <source>%1 UTC  O %2  H %3  L %4  C %5  V %6</source>
        <translation>%1 UTC  开 %2  高 %3  低 %4  收 %5  量 %6</translation>
    </message>
    <message>
        <source>(forming)</source>
        <translation>(形成中)</translation>
    </message>
    <message>
        <source>No candles to show.
Open a series from Markets or Local data, or download some history.</source>
        <translation>没有可显示的K线。
请从“市场”或“本地数据”打开一个序列，或下载历史数据。</translation>
    </message>
    <message>
        <source>(incomplete: input missing)</source>
        <translation>（不完整：缺少输入数据）</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>%1 – %2 UTC (%3 × %4)  O %5  H %6  L %7  C %8  V %9</source>
        <translation>%1 – %2 UTC（%3 × %4）  开 %5  高 %6  低 %7  收 %8  量 %9</translation>
    </message>
    <message>
        <source>(has gaps)</source>
        <translation>（含缺口）</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 no data from the exchange</source>
        <translation>%1 交易所无数据</translation>
    </message>
    <message>
        <source>%1 not fetched</source>
        <translation>%1 未获取</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Candle database file.</source>
        <translation>K线数据库文件。</translation>
    </message>
    <message>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Series to open, e.g. binance:BTCUSDT:1m.</source>
        <translation>要打开的序列，例如 binance:BTCUSDT:1m。</translation>
    </message>
    <message>
        <source>series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Start (ISO-8601, UTC).</source>
        <translation>开始时间（ISO-8601，UTC）。</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>End (ISO-8601, UTC).</source>
        <translation>结束时间（ISO-8601，UTC）。</translation>
    </message>
    <message>
        <source>Chart interval (resampled), e.g. 1h.</source>
        <translation>图表周期（重采样），例如 1h。</translation>
    </message>
    <message>
        <source>interval</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>light or dark.</source>
        <translation>light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>en, de or zh_CN.</source>
        <translation>en、de 或 zh_CN。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Replay the opened series at max speed into this strategy (&quot;none&quot;: chart only) before the screenshot.</source>
        <translation>截图前以最高速度将已打开的序列回放给此策略（&quot;none&quot;：仅图表）。</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>A --replay strategy parameter (repeatable).</source>
        <translation>--replay 的策略参数（可重复）。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>名称=值</translation>
    </message>
    <message>
        <source>Render the window (1600x1000) to this PNG and exit.</source>
        <translation>将窗口（1600x1000）渲染为此 PNG 文件后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Candlewick: crypto candlestick charts.</source>
        <translation>Candlewick：加密货币K线图。</translation>
    </message>
    <message>
        <source>no strategy plugin named %1</source>
        <translation>没有名为 %1 的策略插件</translation>
    </message>
    <message>
        <source>the replay stopped early</source>
        <translation>回放提前停止</translation>
    </message>
    <message>
        <source>no translation for %1</source>
        <translation>没有 %1 的翻译</translation>
    </message>
    <message>
        <source>--open wants exchange:SYMBOL:interval, e.g. binance:BTCUSDT:1m</source>
        <translation>--open 需要 交易所:交易对:周期，例如 binance:BTCUSDT:1m</translation>
    </message>
    <message>
        <source>--from/--to want ISO-8601 times, e.g. 2024-01-01T00:00:00Z</source>
        <translation>--from/--to 需要 ISO-8601 时间，例如 2024-01-01T00:00:00Z</translation>
    </message>
    <message>
        <source>--to must be after --from</source>
        <translation>--to 必须晚于 --from</translation>
    </message>
    <message>
        <source>unknown interval %1</source>
        <translation>未知周期 %1</translation>
    </message>
    <message>
        <source>--screenshot needs --open</source>
        <translation>--screenshot 需要 --open</translation>
    </message>
    <message>
        <source>--replay goes with --screenshot</source>
        <translation>--replay 只能与 --screenshot 一起使用</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Window size of the --screenshot, e.g. 1024x700.</source>
        <translation>--screenshot 的窗口大小，例如 1024x700。</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT from 640x480 up, e.g. 1024x700</source>
        <translation>--size 需要 宽x高，至少 640x480，例如 1024x700</translation>
    </message>
</context>
</TS>
