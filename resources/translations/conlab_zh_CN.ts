<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IoRoundFigure</name>
    <message>
        <source>Under each bar, the receiver&apos;s own lane over that stretch, in the state colours: blocked or running.</source>
        <translation>每个条下方是接收者自己的泳道在这段时间内的状态颜色：阻塞或运行。</translation>
    </message>
    <message>
        <source>%1 blocked</source>
        <translation>%1 阻塞</translation>
    </message>
    <message numerus="yes">
        <source>%1 not blocked: polls, %n failed tries</source>
        <translation>
            <numerusform>%1 未阻塞：轮询，失败尝试 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not blocked: computes until told</source>
        <translation>%1 未阻塞：一直计算，直到收到通知</translation>
    </message>
    <message>
        <source>%1 not blocked</source>
        <translation>%1 未阻塞</translation>
    </message>
    <message>
        <source>the kernel copied it before telling: the process never waited</source>
        <translation>内核在通知之前已完成复制：进程从未等待</translation>
    </message>
    <message>
        <source>%1 blocked in the read</source>
        <translation>%1 阻塞在读调用中</translation>
    </message>
    <message>
        <source>%1 inside the read call: the process waits for it</source>
        <translation>%1 在读调用内：进程等待它完成</translation>
    </message>
    <message>
        <source>Wait for data, round %1 (scale %2)</source>
        <translation>等待数据，第 %1 轮（刻度 %2）</translation>
    </message>
    <message>
        <source>Copy data to the process (magnified: scale %1)</source>
        <translation>把数据复制到进程（放大：刻度 %1）</translation>
    </message>
    <message>
        <source>the sender writes</source>
        <translation>发送者写入</translation>
    </message>
</context>
<context>
    <name>PythonLesson</name>
    <message>
        <source>This lesson runs a real Python program, and CONLAB_PYTHON (%1) is not an executable file.</source>
        <translation>这一课运行的是真实的 Python 程序，但 CONLAB_PYTHON（%1）不是可执行文件。</translation>
    </message>
    <message>
        <source>This lesson runs a real Python program, and python3 is not installed here (it is not on PATH). Install it (on Debian: sudo apt install python3), then press Run.</source>
        <translation>这一课运行的是真实的 Python 程序，但这里没有安装 python3（PATH 中找不到它）。请先安装（Debian：sudo apt install python3），再按 Run。</translation>
    </message>
    <message>
        <source>The lesson&apos;s Python program is missing: %1. Reinstall Concurrency Lab.</source>
        <translation>这一课的 Python 程序不见了：%1。请重新安装 Concurrency Lab。</translation>
    </message>
    <message>
        <source>The program</source>
        <translation>程序</translation>
    </message>
</context>
<context>
    <name>QueueDepthPainter</name>
    <message>
        <source>pipe fill: %1 (KiB)</source>
        <translation>管道填充：%1（KiB）</translation>
    </message>
    <message>
        <source>queue depth: %1</source>
        <translation>队列深度：%1</translation>
    </message>
    <message>
        <source>dashed: capacity %1</source>
        <translation>虚线：容量 %1</translation>
    </message>
    <message>
        <source>inside: %1</source>
        <translation>房间内人数：%1</translation>
    </message>
    <message>
        <source>dashed: %1 places</source>
        <translation>虚线：%1 个名额</translation>
    </message>
</context>
<context>
    <name>RunFileDialogs</name>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG vector images (*.svg);;PDF documents (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>保存跟踪文件</translation>
    </message>
    <message>
        <source>Concurrency Lab traces (*.conlab)</source>
        <translation>并发实验室跟踪文件 (*.conlab)</translation>
    </message>
    <message>
        <source>Cannot save trace</source>
        <translation>无法保存跟踪文件</translation>
    </message>
    <message>
        <source>Export trace as JSON</source>
        <translation>将跟踪导出为 JSON</translation>
    </message>
    <message>
        <source>Trace Event Format, for Perfetto (*.json)</source>
        <translation>Trace Event Format，供 Perfetto 使用 (*.json)</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>打开跟踪文件</translation>
    </message>
    <message>
        <source>Concurrency Lab traces (*.conlab);;All files (*)</source>
        <translation>并发实验室跟踪文件 (*.conlab);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>RunVerdict</name>
    <message>
        <source>%1 holds %2, waits for %3</source>
        <translation>%1 持有 %2，等待 %3</translation>
    </message>
    <message>
        <source>deadlock: %1 (cycle closed at %2)</source>
        <translation>死锁：%1（环在 %2 闭合）</translation>
    </message>
    <message>
        <source>deadlock: %1 waited for each other from %2 (detected at %3)</source>
        <translation>死锁：%1 从 %2 起相互等待（在 %3 检测到）</translation>
    </message>
    <message>
        <source>a deadlock cycle formed at %1 and was broken (%2)</source>
        <translation>在 %1 形成过一个死锁环，后来被打破（%2）</translation>
    </message>
    <message>
        <source>potential deadlock (lock-order inversion), though this run finished: %1</source>
        <translation>潜在死锁（加锁顺序颠倒），尽管这次运行完成了：%1</translation>
    </message>
    <message>
        <source>%1 tickets oversold: %2 sold with %3 in stock</source>
        <translation>超卖 %1 张票：库存 %3 张，卖出 %2 张</translation>
    </message>
    <message>
        <source>%1 updates lost: expected %2, the counter ended at %3</source>
        <translation>丢失 %1 次更新：预期 %2，计数器最终为 %3</translation>
    </message>
    <message>
        <source>a worker ended with an error</source>
        <translation>有工作者以错误结束</translation>
    </message>
    <message>
        <source>the cycle never opened, so the run could not finish; the time limit ended it</source>
        <translation>环一直没有打开，运行无法结束；时间限制终止了它</translation>
    </message>
    <message numerus="yes">
        <source>the time limit ended the run with %n worker(s) still waiting</source>
        <translation>
            <numerusform>时间限制终止了运行，仍有 %n 个工作者在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>the time limit ended the run before it finished</source>
        <translation>运行结束前，时间限制终止了它</translation>
    </message>
    <message>
        <source>Stop ended the run before it finished</source>
        <translation>运行结束前被“停止”终止</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>other programs used the job cores for %1 of %2 (%3 %): the yellow, ready share depends on them</source>
        <translation>其他程序占用了作业所用核心 %2 中的 %1（%3 %）：黄色的就绪部分取决于它们</translation>
    </message>
</context>
<context>
    <name>ScenarioTexts</name>
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>Pools and futures</source>
        <translation>池与 future</translation>
    </message>
    <message>
        <source>Coroutines</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>CPU scheduling</source>
        <translation>CPU 调度</translation>
    </message>
    <message>
        <source>IO models</source>
        <translation>IO 模型</translation>
    </message>
    <message>
        <source>Start, join, daemon</source>
        <translation>启动、join 与守护</translation>
    </message>
    <message>
        <source>The join-order puzzle</source>
        <translation>join 顺序之谜</translation>
    </message>
    <message>
        <source>Processes don&apos;t share memory</source>
        <translation>进程之间不共享内存</translation>
    </message>
    <message>
        <source>terminate() and is_alive()</source>
        <translation>terminate() 与 is_alive()</translation>
    </message>
    <message>
        <source>What it costs to start a thread or a process</source>
        <translation>启动一个线程或进程的开销</translation>
    </message>
    <message>
        <source>The global interpreter lock</source>
        <translation>全局解释器锁</translation>
    </message>
    <message>
        <source>Ticket race</source>
        <translation>抢票竞争</translation>
    </message>
    <message>
        <source>Shared counter</source>
        <translation>共享计数器</translation>
    </message>
    <message>
        <source>Taking a lock twice</source>
        <translation>两次获取同一把锁</translation>
    </message>
    <message>
        <source>Semaphore: k at a time</source>
        <translation>信号量：同时最多 k 个</translation>
    </message>
    <message>
        <source>Event with timeout and retries</source>
        <translation>带超时和重试的事件</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>Producer / consumer</source>
        <translation>生产者消费者</translation>
    </message>
    <message>
        <source>FIFO, LIFO, priority</source>
        <translation>先进先出、后进先出与优先级队列</translation>
    </message>
    <message>
        <source>A pipe between two processes</source>
        <translation>两个进程之间的管道</translation>
    </message>
    <message>
        <source>A crawler: fetchers and parsers</source>
        <translation>爬虫：抓取者与解析者</translation>
    </message>
    <message>
        <source>Two locks, two orders</source>
        <translation>两把锁，两种顺序</translation>
    </message>
    <message>
        <source>Dining philosophers</source>
        <translation>哲学家就餐</translation>
    </message>
    <message>
        <source>Lock-order inversion</source>
        <translation>加锁顺序颠倒</translation>
    </message>
    <message>
        <source>Thread and process pools</source>
        <translation>线程池与进程池</translation>
    </message>
    <message>
        <source>Many tasks, one thread</source>
        <translation>多个任务，一个线程</translation>
    </message>
    <message>
        <source>Explicit switching</source>
        <translation>显式切换</translation>
    </message>
    <message>
        <source>Processes x threads x coroutines</source>
        <translation>进程 × 线程 × 协程</translation>
    </message>
    <message>
        <source>Scheduling policies</source>
        <translation>调度策略</translation>
    </message>
    <message>
        <source>Multiprogramming</source>
        <translation>多道程序</translation>
    </message>
    <message>
        <source>The kernel&apos;s scheduler</source>
        <translation>内核的调度器</translation>
    </message>
    <message>
        <source>IO models: blocking to asynchronous</source>
        <translation>IO 模型：从阻塞IO到异步IO</translation>
    </message>
    <message>
        <source>Server designs: processes, threads, pool, epoll, coroutines, io_uring</source>
        <translation>服务器设计：进程、线程、线程池、epoll、协程、io_uring</translation>
    </message>
    <message>
        <source>Workers are</source>
        <translation>工作者是</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作者数</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作时长</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>递增时长</translation>
    </message>
    <message>
        <source>Main joins</source>
        <translation>main 如何 join</translation>
    </message>
    <message>
        <source>all at the end</source>
        <translation>最后全部 join</translation>
    </message>
    <message>
        <source>each before the next</source>
        <translation>逐个 join 后再启动下一个</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Daemons</source>
        <translation>守护工作者</translation>
    </message>
    <message>
        <source>Time scale</source>
        <translation>时间缩放</translation>
    </message>
    <message>
        <source>x</source>
        <translation>倍</translation>
    </message>
    <message>
        <source>Work of p1, p2, ...</source>
        <translation>p1、p2…… 的工作时长</translation>
    </message>
    <message>
        <source>Must finish first</source>
        <translation>必须先结束的</translation>
    </message>
    <message>
        <source>Start method</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>fork</translation>
    </message>
    <message>
        <source>spawn</source>
        <translation>spawn</translation>
    </message>
    <message>
        <source>Time after the write</source>
        <translation>写入后停留</translation>
    </message>
    <message>
        <source>Worker is</source>
        <translation>工作者是</translation>
    </message>
    <message>
        <source>a process</source>
        <translation>一个进程</translation>
    </message>
    <message>
        <source>a thread</source>
        <translation>一个线程</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>多久后结束它</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>SIGTERM (terminate)</source>
        <translation>SIGTERM（终止）</translation>
    </message>
    <message>
        <source>SIGKILL (kill)</source>
        <translation>SIGKILL（强制杀死）</translation>
    </message>
    <message>
        <source>SIGINT (Ctrl+C)</source>
        <translation>SIGINT（Ctrl+C）</translation>
    </message>
    <message>
        <source>Worker&apos;s handler</source>
        <translation>工作者的信号处理</translation>
    </message>
    <message>
        <source>none (default action)</source>
        <translation>无（默认动作）</translation>
    </message>
    <message>
        <source>ignores the signal</source>
        <translation>忽略该信号</translation>
    </message>
    <message>
        <source>cleans up, then exits</source>
        <translation>清理后退出</translation>
    </message>
    <message>
        <source>Grace before kill</source>
        <translation>强制杀死前的宽限</translation>
    </message>
    <message>
        <source>Flag check every</source>
        <translation>检查标志的间隔</translation>
    </message>
    <message>
        <source>Job length</source>
        <translation>任务时长</translation>
    </message>
    <message>
        <source>Cleanup</source>
        <translation>清理时长</translation>
    </message>
    <message>
        <source>Starts per method</source>
        <translation>每种方式的启动次数</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>all four</source>
        <translation>全部四种</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>spawn (fork + exec)</source>
        <translation>spawn（fork + exec）</translation>
    </message>
    <message>
        <source>posix_spawn</source>
        <translation>posix_spawn</translation>
    </message>
    <message>
        <source>CPU-bound</source>
        <translation>CPU 密集</translation>
    </message>
    <message>
        <source>IO-bound</source>
        <translation>IO 密集</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>Work per worker</source>
        <translation>每个工作者的工作量</translation>
    </message>
    <message>
        <source>Switch interval</source>
        <translation>切换间隔</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核心数</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>the lab&apos;s model</source>
        <translation>实验室的模型</translation>
    </message>
    <message>
        <source>the model, then real CPython</source>
        <translation>先运行模型，再运行真实的 CPython</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>购票者</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>Network delay</source>
        <translation>网络延迟</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>no lock</source>
        <translation>不加锁</translation>
    </message>
    <message>
        <source>around buy</source>
        <translation>只锁购买</translation>
    </message>
    <message>
        <source>around check and buy</source>
        <translation>锁住检查和购买</translation>
    </message>
    <message>
        <source>Virtual CPUs</source>
        <translation>虚拟 CPU</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>个 CPU</translation>
    </message>
    <message>
        <source>Start value</source>
        <translation>初始值</translation>
    </message>
    <message>
        <source>Pause between read and write</source>
        <translation>读写之间的停顿</translation>
    </message>
    <message>
        <source>lock around read+write</source>
        <translation>锁住读和写</translation>
    </message>
    <message>
        <source>Lock kind</source>
        <translation>锁的类型</translation>
    </message>
    <message>
        <source>plain lock</source>
        <translation>普通锁</translation>
    </message>
    <message>
        <source>reentrant lock</source>
        <translation>可重入锁</translation>
    </message>
    <message>
        <source>Times taken</source>
        <translation>获取次数</translation>
    </message>
    <message>
        <source>Work inside</source>
        <translation>锁内工作时长</translation>
    </message>
    <message>
        <source>Places (k)</source>
        <translation>名额 (k)</translation>
    </message>
    <message>
        <source>Time inside</source>
        <translation>占用时长</translation>
    </message>
    <message>
        <source>Waiters</source>
        <translation>等待者</translation>
    </message>
    <message>
        <source>Set after</source>
        <translation>多久后设置</translation>
    </message>
    <message>
        <source>Wait timeout</source>
        <translation>等待超时</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Run after</source>
        <translation>延迟执行</translation>
    </message>
    <message>
        <source>Callback work</source>
        <translation>回调工作时长</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Queue capacity</source>
        <translation>队列容量</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>Items per producer</source>
        <translation>每个生产者的数据项</translation>
    </message>
    <message>
        <source>Produce time</source>
        <translation>生产时长</translation>
    </message>
    <message>
        <source>Consume time</source>
        <translation>消费时长</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>结束方式</translation>
    </message>
    <message>
        <source>sentinel after join</source>
        <translation>join 后放哨兵</translation>
    </message>
    <message>
        <source>sentinel too early</source>
        <translation>过早放哨兵</translation>
    </message>
    <message>
        <source>joinable queue</source>
        <translation>可 join 的队列</translation>
    </message>
    <message>
        <source>no sentinel</source>
        <translation>不放哨兵</translation>
    </message>
    <message>
        <source>get with a timeout</source>
        <translation>带超时的 get</translation>
    </message>
    <message>
        <source>Get timeout</source>
        <translation>get 超时</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>先进先出</translation>
    </message>
    <message>
        <source>LIFO (a stack)</source>
        <translation>后进先出（栈）</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Gap between puts</source>
        <translation>put 之间的间隔</translation>
    </message>
    <message>
        <source>Consumer starts after</source>
        <translation>消费者延迟启动</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Nowait forms</source>
        <translation>nowait 形式</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Retry after</source>
        <translation>重试间隔</translation>
    </message>
    <message>
        <source>Writers</source>
        <translation>写入者</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Messages per writer</source>
        <translation>每个写入者的消息数</translation>
    </message>
    <message>
        <source>Gap between messages</source>
        <translation>消息之间的间隔</translation>
    </message>
    <message>
        <source>Reader starts after</source>
        <translation>读取者延迟启动</translation>
    </message>
    <message>
        <source>Pipe capacity</source>
        <translation>管道容量</translation>
    </message>
    <message>
        <source>Lock around each message</source>
        <translation>每条消息加锁</translation>
    </message>
    <message>
        <source>Duplex</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>Fetchers</source>
        <translation>抓取者</translation>
    </message>
    <message>
        <source>Parsers</source>
        <translation>解析者</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面数</translation>
    </message>
    <message>
        <source>Server latency</source>
        <translation>服务器延迟</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>页面大小</translation>
    </message>
    <message>
        <source>Parse time</source>
        <translation>解析时长</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Pause between locks</source>
        <translation>两次加锁之间的停顿</translation>
    </message>
    <message>
        <source>Work holding both</source>
        <translation>持有两把锁时的工作时长</translation>
    </message>
    <message>
        <source>Try-lock timeout</source>
        <translation>尝试加锁超时</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>对策</translation>
    </message>
    <message>
        <source>one reentrant lock</source>
        <translation>一把可重入锁</translation>
    </message>
    <message>
        <source>global lock order</source>
        <translation>全局加锁顺序</translation>
    </message>
    <message>
        <source>try-lock with timeout</source>
        <translation>带超时的尝试加锁</translation>
    </message>
    <message>
        <source>detect and abort a victim</source>
        <translation>检测并中止一个牺牲者</translation>
    </message>
    <message>
        <source>Philosophers</source>
        <translation>哲学家</translation>
    </message>
    <message>
        <source>Meals each</source>
        <translation>每人用餐次数</translation>
    </message>
    <message>
        <source>Think time</source>
        <translation>思考时长</translation>
    </message>
    <message>
        <source>Eat time</source>
        <translation>用餐时长</translation>
    </message>
    <message>
        <source>Pause between chopsticks</source>
        <translation>拿两根筷子之间的停顿</translation>
    </message>
    <message>
        <source>at most N-1 at the table</source>
        <translation>最多 N-1 人同时入座</translation>
    </message>
    <message>
        <source>Gap between the workers</source>
        <translation>工作者之间的间隔</translation>
    </message>
    <message>
        <source>Pool of</source>
        <translation>池的类型</translation>
    </message>
    <message>
        <source>Pool size (k)</source>
        <translation>池大小 (k)</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Each task</source>
        <translation>每个任务</translation>
    </message>
    <message>
        <source>computes</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>waits (IO)</source>
        <translation>等待（IO）</translation>
    </message>
    <message>
        <source>half and half</source>
        <translation>各占一半</translation>
    </message>
    <message>
        <source>Task time</source>
        <translation>任务时长</translation>
    </message>
    <message>
        <source>Main submits</source>
        <translation>main 提交方式</translation>
    </message>
    <message>
        <source>all, then each result</source>
        <translation>全部提交，再逐个取结果</translation>
    </message>
    <message>
        <source>one, waits for it</source>
        <translation>提交一个，等它完成</translation>
    </message>
    <message>
        <source>all as one map</source>
        <translation>全部作为一次 map</translation>
    </message>
    <message>
        <source>all, results as completed</source>
        <translation>全部提交，按完成顺序取结果</translation>
    </message>
    <message>
        <source>Done callback</source>
        <translation>完成回调</translation>
    </message>
    <message>
        <source>Executor</source>
        <translation>执行器</translation>
    </message>
    <message>
        <source>pool (reused workers)</source>
        <translation>池（复用工作者）</translation>
    </message>
    <message>
        <source>a new thread per task</source>
        <translation>每个任务一个新线程</translation>
    </message>
    <message>
        <source>IO wait</source>
        <translation>IO 等待</translation>
    </message>
    <message>
        <source>Computation</source>
        <translation>计算量</translation>
    </message>
    <message>
        <source>The wait</source>
        <translation>等待方式</translation>
    </message>
    <message>
        <source>cooperative (loop&apos;s timer)</source>
        <translation>协作式（事件循环的定时器）</translation>
    </message>
    <message>
        <source>blocking (sleep in the coroutine)</source>
        <translation>阻塞式（在协程里 sleep）</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>数据项</translation>
    </message>
    <message>
        <source>Work per item</source>
        <translation>每项的工作量</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>Threads per process</source>
        <translation>每个进程的线程数</translation>
    </message>
    <message>
        <source>Coroutines per thread</source>
        <translation>每个线程的协程数</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>调度策略</translation>
    </message>
    <message>
        <source>first come, first served</source>
        <translation>先来先服务</translation>
    </message>
    <message>
        <source>shortest job first</source>
        <translation>短作业优先</translation>
    </message>
    <message>
        <source>shortest remaining time</source>
        <translation>最短剩余时间优先</translation>
    </message>
    <message>
        <source>round robin</source>
        <translation>时间片轮转</translation>
    </message>
    <message>
        <source>multi-level feedback queue</source>
        <translation>多级反馈队列</translation>
    </message>
    <message>
        <source>Job table</source>
        <translation>作业表</translation>
    </message>
    <message>
        <source>textbook, with ties</source>
        <translation>教科书例子（含同时到达）</translation>
    </message>
    <message>
        <source>idle gaps</source>
        <translation>有空闲间隙</translation>
    </message>
    <message>
        <source>IO bursts</source>
        <translation>含 IO 段</translation>
    </message>
    <message>
        <source>for two CPUs</source>
        <translation>两个 CPU</translation>
    </message>
    <message>
        <source>Quantum</source>
        <translation>时间片</translation>
    </message>
    <message>
        <source>Time unit</source>
        <translation>时间单位</translation>
    </message>
    <message>
        <source>Priority preemption</source>
        <translation>优先级抢占</translation>
    </message>
    <message>
        <source>runs its burst out</source>
        <translation>运行完当前执行段</translation>
    </message>
    <message>
        <source>a better job takes the CPU</source>
        <translation>更优先的作业抢占 CPU</translation>
    </message>
    <message>
        <source>Aging step</source>
        <translation>老化步长</translation>
    </message>
    <message>
        <source>MLFQ levels</source>
        <translation>MLFQ 级数</translation>
    </message>
    <message>
        <source>MLFQ top quantum</source>
        <translation>MLFQ 最高级时间片</translation>
    </message>
    <message>
        <source>MLFQ quantum growth</source>
        <translation>MLFQ 时间片增长倍数</translation>
    </message>
    <message>
        <source>MLFQ allotment</source>
        <translation>MLFQ 配额</translation>
    </message>
    <message>
        <source>quanta</source>
        <translation>个时间片</translation>
    </message>
    <message>
        <source>MLFQ boost period</source>
        <translation>MLFQ 提升周期</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>作业数</translation>
    </message>
    <message>
        <source>CPU burst</source>
        <translation>CPU 执行段</translation>
    </message>
    <message>
        <source>IO burst</source>
        <translation>IO 执行段</translation>
    </message>
    <message>
        <source>CPU bursts per job</source>
        <translation>每个作业的 CPU 执行段数</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行内容</translation>
    </message>
    <message>
        <source>batch, then multiprogrammed</source>
        <translation>先批处理，再多道</translation>
    </message>
    <message>
        <source>batch only</source>
        <translation>只运行批处理</translation>
    </message>
    <message>
        <source>multiprogrammed only</source>
        <translation>只运行多道</translation>
    </message>
    <message>
        <source>three busy threads</source>
        <translation>三个忙碌线程</translation>
    </message>
    <message>
        <source>textbook (as in Scheduling policies)</source>
        <translation>教科书例子（同“调度策略”）</translation>
    </message>
    <message>
        <source>gaps (as in Scheduling policies)</source>
        <translation>有间隙（同“调度策略”）</translation>
    </message>
    <message>
        <source>io (as in Scheduling policies)</source>
        <translation>含 IO（同“调度策略”）</translation>
    </message>
    <message>
        <source>two-cpus (as in Scheduling policies)</source>
        <translation>两个 CPU（同“调度策略”）</translation>
    </message>
    <message>
        <source>Sampling period</source>
        <translation>采样周期</translation>
    </message>
    <message>
        <source>Send after</source>
        <translation>多久后发送</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>数据大小</translation>
    </message>
    <message>
        <source>Poll interval</source>
        <translation>轮询间隔</translation>
    </message>
    <message>
        <source>Multiplexed sockets</source>
        <translation>多路复用的套接字数</translation>
    </message>
    <message>
        <source>Multiplexer</source>
        <translation>多路复用器</translation>
    </message>
    <message>
        <source>epoll</source>
        <translation>epoll</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>poll</translation>
    </message>
    <message>
        <source>select</source>
        <translation>select</translation>
    </message>
    <message>
        <source>Async API</source>
        <translation>异步 API</translation>
    </message>
    <message>
        <source>io_uring</source>
        <translation>io_uring</translation>
    </message>
    <message>
        <source>POSIX AIO</source>
        <translation>POSIX AIO</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>接收者</translation>
    </message>
    <message>
        <source>all five</source>
        <translation>全部五种</translation>
    </message>
    <message>
        <source>blocking only</source>
        <translation>只运行阻塞IO</translation>
    </message>
    <message>
        <source>non-blocking only</source>
        <translation>只运行非阻塞IO</translation>
    </message>
    <message>
        <source>multiplexing only</source>
        <translation>只运行IO多路复用</translation>
    </message>
    <message>
        <source>signal-driven only</source>
        <translation>只运行信号驱动IO</translation>
    </message>
    <message>
        <source>async only</source>
        <translation>只运行异步IO</translation>
    </message>
    <message>
        <source>Server design</source>
        <translation>服务器设计</translation>
    </message>
    <message>
        <source>all six in turn</source>
        <translation>依次运行全部六种</translation>
    </message>
    <message>
        <source>a process per connection (fork)</source>
        <translation>每个连接一个进程（fork）</translation>
    </message>
    <message>
        <source>a thread per connection</source>
        <translation>每个连接一个线程</translation>
    </message>
    <message>
        <source>a thread pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>one epoll loop</source>
        <translation>一个 epoll 事件循环</translation>
    </message>
    <message>
        <source>a coroutine per connection, one thread</source>
        <translation>每个连接一个协程，单线程</translation>
    </message>
    <message>
        <source>one io_uring loop</source>
        <translation>一个 io_uring 事件循环</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端数</translation>
    </message>
    <message>
        <source>Pool threads</source>
        <translation>池中线程数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Threads of one process, or separate processes spawned from the runner and sharing memory only through the run&apos;s arena.</source>
        <translation>同一进程中的线程，或由运行器派生出的独立进程（只通过本次运行的共享区共享内存）。</translation>
    </message>
    <message>
        <source>How many workers main starts.</source>
        <translation>main 启动多少个工作者。</translation>
    </message>
    <message>
        <source>How long worker-1 sleeps; worker-k sleeps work + (k-1) x spread.</source>
        <translation>worker-1 睡眠多久；worker-k 睡眠 work + (k-1) × spread。</translation>
    </message>
    <message>
        <source>How much longer each next worker sleeps than the one before.</source>
        <translation>每个后启动的工作者比前一个多睡多久。</translation>
    </message>
    <message>
        <source>all: start every worker, then join them; each: start one and join it before starting the next; none: main&apos;s code joins nobody and the runtime&apos;s exit handling joins the non-daemons.</source>
        <translation>all：先启动所有工作者，再逐个 join；each：启动一个并 join 它，再启动下一个；none：main 的代码不 join 任何工作者，由运行时的退出处理 join 非守护工作者。</translation>
    </message>
    <message>
        <source>The last k workers are daemons: never joined, ended when main ends.</source>
        <translation>最后 k 个工作者是守护工作者：从不被 join，main 结束时随之结束。</translation>
    </message>
    <message>
        <source>Multiplies every duration: below 1 runs faster, above 1 slows the run down for a class.</source>
        <translation>所有时长乘以这个系数：小于 1 运行更快，大于 1 放慢运行，便于课堂演示。</translation>
    </message>
    <message>
        <source>Separate processes spawned from the runner, or threads of one process.</source>
        <translation>由运行器派生出的独立进程，或同一进程中的线程。</translation>
    </message>
    <message>
        <source>How long each worker works (sleeps), in order; one entry per worker.</source>
        <translation>每个工作者按顺序工作（睡眠）多久；每个工作者一项。</translation>
    </message>
    <message>
        <source>Workers main starts and joins before starting any other.</source>
        <translation>main 在启动其他工作者之前先启动并 join 的工作者。</translation>
    </message>
    <message>
        <source>Workers of the second group started as daemons: never joined, ended when main ends.</source>
        <translation>第二组中以守护方式启动的工作者：从不被 join，main 结束时随之结束。</translation>
    </message>
    <message>
        <source>Child processes, each with memory of its own, or threads sharing main&apos;s.</source>
        <translation>子进程（各有自己的内存），或共享 main 内存的线程。</translation>
    </message>
    <message>
        <source>How many workers each do n -= 1.</source>
        <translation>多少个工作者各执行一次 n -= 1。</translation>
    </message>
    <message>
        <source>Processes only. fork: the child is a copy of the runner, its memory shared copy-on-write; spawn: fork then exec, the child starts a fresh program and builds its globals again.</source>
        <translation>仅对进程有效。fork：子进程是运行器的副本，内存以写时复制方式共享；spawn：先 fork 再 exec，子进程启动一个全新的程序，重新构建它的全局变量。</translation>
    </message>
    <message>
        <source>How long each worker stays alive after its write, so the lanes overlap.</source>
        <translation>每个工作者写入后还存活多久，使各泳道相互重叠。</translation>
    </message>
    <message>
        <source>A process can be sent a signal; a thread can only be asked to stop.</source>
        <translation>可以给进程发送信号；线程只能被请求停止。</translation>
    </message>
    <message>
        <source>How long main lets the worker run before ending it.</source>
        <translation>main 让工作者运行多久后结束它。</translation>
    </message>
    <message>
        <source>What main sends a worker process.</source>
        <translation>main 向工作者进程发送什么信号。</translation>
    </message>
    <message>
        <source>What the worker process does with that signal. SIGKILL can be neither caught nor ignored.</source>
        <translation>工作者进程如何处理该信号。SIGKILL 既不能被捕获，也不能被忽略。</translation>
    </message>
    <message>
        <source>How long main waits for the process to end before it sends SIGKILL.</source>
        <translation>main 等待进程结束多久后发送 SIGKILL。</translation>
    </message>
    <message>
        <source>Threads only: how often the worker looks at the stop flag.</source>
        <translation>仅对线程有效：工作者多久检查一次停止标志。</translation>
    </message>
    <message>
        <source>How long the worker&apos;s CPU-bound job would take if nobody ended it.</source>
        <translation>如果没人结束它，工作者的 CPU 密集任务要运行多久。</translation>
    </message>
    <message>
        <source>How long the worker&apos;s cleanup takes (handler = cleanup).</source>
        <translation>工作者的清理要多久（handler = cleanup 时）。</translation>
    </message>
    <message>
        <source>How many empty workers each method starts, one after another.</source>
        <translation>每种方式依次启动多少个空工作者。</translation>
    </message>
    <message>
        <source>thread: a thread of the runner; fork: a copy of the runner; spawn: fork, then exec of a fresh runner; posix_spawn: the C library&apos;s one-call spawn.</source>
        <translation>thread：运行器的一个线程；fork：运行器的副本；spawn：先 fork，再 exec 一个全新的运行器；posix_spawn：C 库一次调用完成的派生。</translation>
    </message>
    <message>
        <source>How many workers do the same work.</source>
        <translation>多少个工作者做同样的工作。</translation>
    </message>
    <message>
        <source>cpu: bytecode only (needs the interpreter lock); io: waits, which release it; mixed: half each.</source>
        <translation>cpu：只执行字节码（需要解释器锁）；io：等待，等待时释放解释器锁；mixed：各占一半。</translation>
    </message>
    <message>
        <source>What one worker&apos;s work takes when it runs alone.</source>
        <translation>一个工作者单独运行时，它的工作需要多久。</translation>
    </message>
    <message>
        <source>How long a thread waits for the lock before it asks the holder to drop it (sys.setswitchinterval; CPython&apos;s default is 5 ms).</source>
        <translation>线程等待解释器锁多久后请求持有者释放它（sys.setswitchinterval；CPython 默认 5 毫秒）。</translation>
    </message>
    <message>
        <source>How many of the machine&apos;s cores the workers may use (sched_setaffinity).</source>
        <translation>工作者可以使用本机的几个核心（sched_setaffinity）。</translation>
    </message>
    <message>
        <source>cpython: after the model&apos;s run, the same work in a Python program of the lab&apos;s own under the real interpreter (python3), timed the same way.</source>
        <translation>cpython：在模型运行之后，用真实的解释器（python3）运行实验室自带的 Python 程序完成同样的工作，并以同样方式计时。</translation>
    </message>
    <message>
        <source>Workers that each try to buy a ticket.</source>
        <translation>每个都要买一张票的工作者。</translation>
    </message>
    <message>
        <source>Tickets in stock at the start.</source>
        <translation>开始时的库存票数。</translation>
    </message>
    <message>
        <source>The pause between reading the stock and writing it back.</source>
        <translation>读取库存与写回库存之间的停顿。</translation>
    </message>
    <message>
        <source>Which part of a purchase holds the ticket lock.</source>
        <translation>购票过程中哪一部分持有票锁。</translation>
    </message>
    <message>
        <source>How many workers may run at once. Compute only happens while holding one; the others wait ready.</source>
        <translation>同时最多有几个工作者可以运行。只有占有虚拟 CPU 时才进行计算；其余的处于就绪状态等待。</translation>
    </message>
    <message>
        <source>Workers that each take one off.</source>
        <translation>每个都把计数器减一的工作者。</translation>
    </message>
    <message>
        <source>The counter&apos;s first value.</source>
        <translation>计数器的初始值。</translation>
    </message>
    <message>
        <source>How long a worker waits after reading before it writes back.</source>
        <translation>工作者读取后等待多久再写回。</translation>
    </message>
    <message>
        <source>Whether the read, pause and write happen under one lock.</source>
        <translation>读取、停顿和写回是否在同一把锁下进行。</translation>
    </message>
    <message>
        <source>A plain lock cannot be taken again by its owner; a reentrant one can.</source>
        <translation>普通锁不能被它的持有者再次获取；可重入锁可以。</translation>
    </message>
    <message>
        <source>How often the worker takes the lock.</source>
        <translation>工作者获取这把锁的次数。</translation>
    </message>
    <message>
        <source>CPU work at each level.</source>
        <translation>每一层的 CPU 工作量。</translation>
    </message>
    <message>
        <source>Workers that want to get in.</source>
        <translation>想要进入的工作者。</translation>
    </message>
    <message>
        <source>How many may be inside at once.</source>
        <translation>同时最多可以有几个在里面。</translation>
    </message>
    <message>
        <source>How long each worker stays inside (waiting, not computing).</source>
        <translation>每个工作者在里面停留多久（等待，而不是计算）。</translation>
    </message>
    <message>
        <source>Workers waiting for the event.</source>
        <translation>等待事件的工作者。</translation>
    </message>
    <message>
        <source>When the checker sets the event.</source>
        <translation>检查者何时设置事件。</translation>
    </message>
    <message>
        <source>How long one wait lasts before the waiter tries again.</source>
        <translation>一次等待持续多久，之后等待者再试一次。</translation>
    </message>
    <message>
        <source>How many timed waits a waiter makes before giving up.</source>
        <translation>等待者放弃之前进行多少次限时等待。</translation>
    </message>
    <message>
        <source>When the callback is due.</source>
        <translation>回调何时到期。</translation>
    </message>
    <message>
        <source>CPU work the callback does.</source>
        <translation>回调要做的 CPU 工作。</translation>
    </message>
    <message>
        <source>Workers that make items.</source>
        <translation>生产数据项的工作者。</translation>
    </message>
    <message>
        <source>Workers that take items.</source>
        <translation>取走数据项的工作者。</translation>
    </message>
    <message>
        <source>Items the queue holds; a producer blocks when it is full.</source>
        <translation>队列能容纳的数据项数；队列满时生产者阻塞。</translation>
    </message>
    <message>
        <source>How many items each producer makes.</source>
        <translation>每个生产者生产多少个数据项。</translation>
    </message>
    <message>
        <source>CPU time to make one item (a real compute burst).</source>
        <translation>生产一个数据项所需的 CPU 时间（真实的计算段）。</translation>
    </message>
    <message>
        <source>CPU time to handle one item (a real compute burst).</source>
        <translation>处理一个数据项所需的 CPU 时间（真实的计算段）。</translation>
    </message>
    <message>
        <source>How consumers learn there is no more work: a sentinel per consumer once the producers are joined, sentinels put too early, a joinable queue with daemon consumers, nothing at all (consumers wait forever), or a get that gives up after get-timeout ms.</source>
        <translation>消费者如何得知不再有工作：生产者 join 后为每个消费者放一个哨兵、过早放入哨兵、使用可 join 的队列并让消费者做守护、什么都不做（消费者永远等待），或者 get 在等待 get-timeout 毫秒后放弃。</translation>
    </message>
    <message>
        <source>shutdown=timeout: how long a consumer&apos;s get waits for an item before the consumer gives up and leaves.</source>
        <translation>shutdown=timeout 时：消费者的 get 等待数据项多久，之后消费者放弃并离开。</translation>
    </message>
    <message>
        <source>Which item a get takes: the oldest, the newest, or the lowest priority number (the oldest among equals).</source>
        <translation>get 取出哪一项：最早放入的、最新放入的，或优先级数字最小的（相同时取最早的）。</translation>
    </message>
    <message>
        <source>Workers that put items (A, B, ...).</source>
        <translation>放入数据项的工作者（A、B……）。</translation>
    </message>
    <message>
        <source>How many labelled items each producer puts.</source>
        <translation>每个生产者放入多少个带标签的数据项。</translation>
    </message>
    <message>
        <source>How long a producer waits between two puts.</source>
        <translation>生产者两次 put 之间等待多久。</translation>
    </message>
    <message>
        <source>How long the one consumer waits before its first get.</source>
        <translation>唯一的消费者在第一次 get 之前等待多久。</translation>
    </message>
    <message>
        <source>Items the queue holds; a put on a full queue blocks (or fails, with nowait).</source>
        <translation>队列能容纳的数据项数；向满队列 put 会阻塞（使用 nowait 时则失败）。</translation>
    </message>
    <message>
        <source>How long the consumer spends on each item.</source>
        <translation>消费者在每个数据项上花多久。</translation>
    </message>
    <message>
        <source>on: put_nowait and get_nowait fail at once on a full or empty queue (Full, Empty); the worker retries after `retry` ms.</source>
        <translation>on：put_nowait 和 get_nowait 在队列满或空时立即失败（Full、Empty）；工作者在 `retry` 毫秒后重试。</translation>
    </message>
    <message>
        <source>With nowait: how long a worker waits before trying again.</source>
        <translation>使用 nowait 时：工作者等待多久再试一次。</translation>
    </message>
    <message>
        <source>A get that waits this long for nothing times out and is tried again; 0 waits for ever.</source>
        <translation>等待这么久仍没有数据的 get 会超时并重试；0 表示永远等待。</translation>
    </message>
    <message>
        <source>Forked processes that inherit the pipe&apos;s two ends, or threads sharing them.</source>
        <translation>继承管道两端的 fork 出的进程，或共享管道两端的线程。</translation>
    </message>
    <message>
        <source>How many workers write into the pipe.</source>
        <translation>多少个工作者向管道写入。</translation>
    </message>
    <message>
        <source>Bytes in one message. Up to PIPE_BUF (4096 on Linux) a write is atomic.</source>
        <translation>一条消息的字节数。不超过 PIPE_BUF（Linux 上为 4096）的写入是原子的。</translation>
    </message>
    <message>
        <source>How many messages each writer writes.</source>
        <translation>每个写入者写多少条消息。</translation>
    </message>
    <message>
        <source>How long a writer waits after each message.</source>
        <translation>写入者每写一条消息后等待多久。</translation>
    </message>
    <message>
        <source>How long the reader waits before its first read.</source>
        <translation>读取者在第一次读取之前等待多久。</translation>
    </message>
    <message>
        <source>The pipe&apos;s buffer (F_SETPIPE_SZ; the kernel rounds it up to a power-of-two number of pages).</source>
        <translation>管道的缓冲区（F_SETPIPE_SZ；内核会向上取整为 2 的幂个页面）。</translation>
    </message>
    <message>
        <source>on: a writer holds a lock while it writes one message, so no other writer&apos;s bytes can land inside it.</source>
        <translation>on：写入者写一条消息时持有一把锁，这样其他写入者的字节就不会插进这条消息中间。</translation>
    </message>
    <message>
        <source>on: a socketpair instead of a pipe, and the reader answers each message with a one-byte acknowledgement that the writer waits for (one writer only).</source>
        <translation>on：用 socketpair 代替管道，读取者对每条消息回复一个字节的确认，写入者等待这个确认（只限一个写入者）。</translation>
    </message>
    <message>
        <source>Workers that download pages (IO).</source>
        <translation>下载页面的工作者（IO）。</translation>
    </message>
    <message>
        <source>Workers that parse them (CPU).</source>
        <translation>解析页面的工作者（CPU）。</translation>
    </message>
    <message>
        <source>How many pages to crawl.</source>
        <translation>要抓取多少个页面。</translation>
    </message>
    <message>
        <source>How long the server takes to answer each page.</source>
        <translation>服务器回答每个页面需要多久。</translation>
    </message>
    <message>
        <source>About how large each page is.</source>
        <translation>每个页面大约多大。</translation>
    </message>
    <message>
        <source>CPU time to parse one page, on top of counting its words and links.</source>
        <translation>解析一个页面所需的 CPU 时间，不包括统计其中的词和链接。</translation>
    </message>
    <message>
        <source>Odd workers take A then B, even workers B then A.</source>
        <translation>奇数号工作者先拿 A 再拿 B，偶数号工作者先拿 B 再拿 A。</translation>
    </message>
    <message>
        <source>How often each worker takes both locks.</source>
        <translation>每个工作者获取两把锁的次数。</translation>
    </message>
    <message>
        <source>Time between taking the first lock and asking for the second.</source>
        <translation>获取第一把锁后到请求第二把锁之间的时间。</translation>
    </message>
    <message>
        <source>CPU work done while holding both locks.</source>
        <translation>持有两把锁时所做的 CPU 工作。</translation>
    </message>
    <message>
        <source>How long try-lock waits for the second lock before backing off.</source>
        <translation>尝试加锁等待第二把锁多久后退让。</translation>
    </message>
    <message>
        <source>What, if anything, prevents or breaks the deadlock.</source>
        <translation>用什么（如果有的话）来防止或打破死锁。</translation>
    </message>
    <message>
        <source>Philosophers and chopsticks.</source>
        <translation>哲学家和筷子的数量。</translation>
    </message>
    <message>
        <source>How often each philosopher eats.</source>
        <translation>每位哲学家用餐几次。</translation>
    </message>
    <message>
        <source>Time spent thinking (not eating, not holding anything) before each meal.</source>
        <translation>每次用餐前思考的时间（不吃饭，也不拿任何东西）。</translation>
    </message>
    <message>
        <source>CPU work while holding both.</source>
        <translation>持有两根筷子时的 CPU 工作。</translation>
    </message>
    <message>
        <source>Time between taking the left chopstick and reaching for the right.</source>
        <translation>拿起左边筷子到去拿右边筷子之间的时间。</translation>
    </message>
    <message>
        <source>How long try-lock waits for the right chopstick before putting the left down.</source>
        <translation>尝试加锁等待右边筷子多久后放下左边筷子。</translation>
    </message>
    <message>
        <source>How long the second worker waits before it starts.</source>
        <translation>第二个工作者在开始前等待多久。</translation>
    </message>
    <message>
        <source>Worker threads of the runner, or worker processes spawned from it.</source>
        <translation>运行器的工作线程，或由它派生的工作进程。</translation>
    </message>
    <message>
        <source>How many workers the pool has.</source>
        <translation>池中有多少个工作者。</translation>
    </message>
    <message>
        <source>How many tasks main submits.</source>
        <translation>main 提交多少个任务。</translation>
    </message>
    <message>
        <source>cpu: busy on the CPU; io: a sleep standing for an IO wait; mixed: half each.</source>
        <translation>cpu：在 CPU 上忙碌；io：用睡眠代表一次 IO 等待；mixed：各占一半。</translation>
    </message>
    <message>
        <source>How long one task takes.</source>
        <translation>一个任务需要多久。</translation>
    </message>
    <message>
        <source>async: submit all, then wait for each result in submission order; sync: submit a task and wait for its result before the next; map: submit all and wait for the whole list; as-completed: take results in the order they end.</source>
        <translation>async：提交全部任务，再按提交顺序等待每个结果；sync：提交一个任务并等到它的结果后再提交下一个；map：提交全部任务并等待整个结果列表；as-completed：按任务结束的顺序取结果。</translation>
    </message>
    <message>
        <source>A callback per finished task. A thread pool runs it on the worker that ran the task; a process pool on the submitter&apos;s result-handler thread.</source>
        <translation>每个完成的任务调用一次回调。线程池在执行该任务的工作者上运行回调；进程池在提交者的结果处理线程上运行。</translation>
    </message>
    <message>
        <source>pool: k workers take tasks from a queue; semaphore: a fresh worker per task, at most k at once.</source>
        <translation>pool：k 个工作者从队列中取任务；semaphore：每个任务一个新工作者，同时最多 k 个。</translation>
    </message>
    <message>
        <source>Coroutines on the one thread; the first 100 get lanes.</source>
        <translation>同一线程上的协程数；前 100 个有自己的泳道。</translation>
    </message>
    <message>
        <source>How long each task waits per round.</source>
        <translation>每个任务每轮等待多久。</translation>
    </message>
    <message>
        <source>How long each task computes per round, after its wait.</source>
        <translation>每个任务每轮在等待之后计算多久。</translation>
    </message>
    <message>
        <source>Wait-then-compute rounds per task.</source>
        <translation>每个任务“先等待再计算”的轮数。</translation>
    </message>
    <message>
        <source>cooperative suspends the coroutine on the event loop&apos;s timer; blocking calls a blocking sleep, which stops the whole thread.</source>
        <translation>cooperative 在事件循环的定时器上挂起协程；blocking 调用阻塞的 sleep，使整个线程停下来。</translation>
    </message>
    <message>
        <source>Items the two coroutines compute, taking turns after every item.</source>
        <translation>两个协程要计算的数据项数，每算完一项就轮换一次。</translation>
    </message>
    <message>
        <source>Steps of pure computation per item (a multiply and an add each).</source>
        <translation>每个数据项的纯计算步数（每步一次乘法和一次加法）。</translation>
    </message>
    <message>
        <source>Processes main starts.</source>
        <translation>main 启动的进程数。</translation>
    </message>
    <message>
        <source>Threads each process starts; each runs an event loop.</source>
        <translation>每个进程启动的线程数；每个线程运行一个事件循环。</translation>
    </message>
    <message>
        <source>Coroutines on each thread&apos;s event loop.</source>
        <translation>每个线程的事件循环上的协程数。</translation>
    </message>
    <message>
        <source>How long each coroutine&apos;s read waits for its timer descriptor, per round.</source>
        <translation>每个协程每轮读取其定时器描述符要等待多久。</translation>
    </message>
    <message>
        <source>How long each coroutine computes per round, after its read.</source>
        <translation>每个协程每轮在读取之后计算多久。</translation>
    </message>
    <message>
        <source>Read-then-compute rounds per coroutine.</source>
        <translation>每个协程“先读取再计算”的轮数。</translation>
    </message>
    <message>
        <source>Who gets a free virtual CPU, and whether a running job can lose it.</source>
        <translation>空闲的虚拟 CPU 给谁，以及正在运行的作业是否会失去 CPU。</translation>
    </message>
    <message>
        <source>The built-in job table to run (conlab-runner --jobs FILE gives another).</source>
        <translation>要运行的内置作业表（conlab-runner --jobs FILE 可指定其他作业表）。</translation>
    </message>
    <message>
        <source>Round robin: how long a job runs before the next in line gets the CPU.</source>
        <translation>时间片轮转：一个作业运行多久后轮到队列中的下一个使用 CPU。</translation>
    </message>
    <message>
        <source>Length of one time unit of the job table (arrivals and bursts).</source>
        <translation>作业表中一个时间单位的长度（到达时间和执行段）。</translation>
    </message>
    <message>
        <source>Priority: whether a job with a better (lower) priority preempts.</source>
        <translation>优先级：优先级更高（数字更小）的作业是否抢占 CPU。</translation>
    </message>
    <message>
        <source>Priority: a waiting job gains one priority step per this much waiting; 0 turns aging off.</source>
        <translation>优先级：等待中的作业每等待这么久，优先级提升一级；0 表示关闭老化。</translation>
    </message>
    <message>
        <source>MLFQ: number of queues.</source>
        <translation>MLFQ：队列的个数。</translation>
    </message>
    <message>
        <source>MLFQ: the top queue&apos;s quantum.</source>
        <translation>MLFQ：最高级队列的时间片。</translation>
    </message>
    <message>
        <source>MLFQ: each queue&apos;s quantum is this many times the one above it.</source>
        <translation>MLFQ：每级队列的时间片是上一级的多少倍。</translation>
    </message>
    <message>
        <source>MLFQ: quanta a job may use at one level before it moves down.</source>
        <translation>MLFQ：作业在同一级可以用掉几个时间片，之后降到下一级。</translation>
    </message>
    <message>
        <source>MLFQ: every job goes back to the top queue this often; 0 never.</source>
        <translation>MLFQ：每隔这么久把所有作业移回最高级队列；0 表示从不。</translation>
    </message>
    <message>
        <source>How many jobs; both ways of running them get the same ones.</source>
        <translation>作业数；两种运行方式使用同样的作业。</translation>
    </message>
    <message>
        <source>How long each burst of computing takes.</source>
        <translation>每个计算段需要多久。</translation>
    </message>
    <message>
        <source>How long each IO wait between two CPU bursts takes.</source>
        <translation>两个 CPU 执行段之间的每次 IO 等待需要多久。</translation>
    </message>
    <message>
        <source>CPU bursts in each job, with an IO wait between each two.</source>
        <translation>每个作业的 CPU 执行段数，每两个之间有一次 IO 等待。</translation>
    </message>
    <message>
        <source>Batch loads one job at a time; multiprogrammed loads them all at once.</source>
        <translation>批处理一次装入一个作业；多道程序一次装入全部作业。</translation>
    </message>
    <message>
        <source>The jobs to run (conlab-runner --jobs FILE gives another).</source>
        <translation>要运行的作业（conlab-runner --jobs FILE 可指定其他作业）。</translation>
    </message>
    <message>
        <source>How many of this machine&apos;s cores the job threads may run on (sched_setaffinity).</source>
        <translation>作业线程可以在本机的几个核心上运行（sched_setaffinity）。</translation>
    </message>
    <message>
        <source>Length of one time unit of the job table: CPU bursts are this much CPU time, IO bursts this much sleep.</source>
        <translation>作业表中一个时间单位的长度：CPU 执行段就是这么多 CPU 时间，IO 执行段就是这么长的睡眠。</translation>
    </message>
    <message>
        <source>How often the kernel&apos;s counters are read. Nothing shorter is measured: the lanes are drawn at this resolution.</source>
        <translation>多久读取一次内核的计数器。比这更短的事情测不到：泳道按这个精度绘制。</translation>
    </message>
    <message>
        <source>How long the sender waits, once every receiver is waiting, before it writes.</source>
        <translation>所有接收者都在等待后，发送者再等多久才写入。</translation>
    </message>
    <message>
        <source>Bytes each connection gets per round; megabytes make the copy phase visible.</source>
        <translation>每个连接每轮收到的字节数；用兆字节级的数据才能看清复制阶段。</translation>
    </message>
    <message>
        <source>Own work the non-blocking receiver does between two tries.</source>
        <translation>非阻塞接收者在两次尝试之间做的自己的工作。</translation>
    </message>
    <message>
        <source>Connections the multiplexing receiver serves with its one thread.</source>
        <translation>IO多路复用接收者用它的一个线程服务的连接数。</translation>
    </message>
    <message>
        <source>Messages each connection gets.</source>
        <translation>每个连接收到的消息数。</translation>
    </message>
    <message>
        <source>The call the multiplexing receiver waits in.</source>
        <translation>IO多路复用接收者在哪个调用里等待。</translation>
    </message>
    <message>
        <source>io_uring where the kernel allows it (else POSIX AIO, and the lane says so).</source>
        <translation>在内核允许时使用 io_uring（否则使用 POSIX AIO，泳道上会注明）。</translation>
    </message>
    <message>
        <source>All five side by side, or one alone (three of the five compute while they wait; alone, a model has the machine&apos;s cores to itself).</source>
        <translation>五种模型并排运行，或只运行其中一种（五种中有三种在等待时计算；单独运行时，一个模型独享本机的所有核心）。</translation>
    </message>
    <message>
        <source>Which echo server to load; all six in turn compare them in one run.</source>
        <translation>加载哪种回显服务器；“依次运行全部六种”在一次运行中比较它们。</translation>
    </message>
    <message>
        <source>Loopback connections, each sending a message and waiting for its echo.</source>
        <translation>回环连接的数量，每个连接发送一条消息并等待回显。</translation>
    </message>
    <message>
        <source>Worker threads of the thread-pool design.</source>
        <translation>线程池设计中的工作线程数。</translation>
    </message>
    <message>
        <source>How long the clients send, per design.</source>
        <translation>每种设计下客户端发送多久。</translation>
    </message>
    <message>
        <source>Bytes in each message.</source>
        <translation>每条消息的字节数。</translation>
    </message>
    <message>
        <source>How long a client waits after a reply before its next message.</source>
        <translation>客户端收到回复后等待多久再发送下一条消息。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>个 CPU</translation>
    </message>
    <message>
        <source>byte</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>item</source>
        <translation>项</translation>
    </message>
    <message>
        <source>quantum</source>
        <translation>个时间片</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>In real Python</source>
        <translation>真实的 Python</translation>
    </message>
    <message>
        <source>CPU-bound threads under the real GIL</source>
        <translation>真实 GIL 下的计算密集线程</translation>
    </message>
    <message>
        <source>The same count in processes</source>
        <translation>同样的计数，用进程</translation>
    </message>
    <message>
        <source>Threads waiting on sockets</source>
        <translation>在套接字上等待的线程</translation>
    </message>
    <message>
        <source>A multiprocessing pool</source>
        <translation>multiprocessing 进程池</translation>
    </message>
    <message>
        <source>A queue between two processes</source>
        <translation>两个进程之间的队列</translation>
    </message>
    <message>
        <source>asyncio: three tasks, one thread</source>
        <translation>asyncio：三个任务，一个线程</translation>
    </message>
    <message>
        <source>Two locks, a real deadlock</source>
        <translation>两把锁，一个真实的死锁</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source>How often each thread&apos;s state is read from /proc</source>
        <translation>多久从 /proc 读取一次每个线程的状态</translation>
    </message>
    <message>
        <source>Stall warning after</source>
        <translation>停滞警告时限</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Warn of a possible deadlock when every thread has waited on a lock this long</source>
        <translation>当所有线程都已在锁上等待这么久时，警告可能死锁</translation>
    </message>
    <message>
        <source>Count to</source>
        <translation>数到</translation>
    </message>
    <message>
        <source>Each worker adds up the numbers below this (the script&apos;s first argument)</source>
        <translation>每个工作者把小于这个数的所有数加起来（脚本的第一个参数）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Threads that count at once (the script&apos;s second argument)</source>
        <translation>同时计数的线程数（脚本的第二个参数）</translation>
    </message>
    <message>
        <source>Processes that count at once (the script&apos;s second argument)</source>
        <translation>同时计数的进程数（脚本的第二个参数）</translation>
    </message>
    <message>
        <source>Lanes drawn</source>
        <translation>绘制的泳道数</translation>
    </message>
    <message>
        <source>How many of the starts get a lane, in all methods together (each method its first ones); the others are measured only.</source>
        <translation>为多少次启动绘制泳道（所有方法合计，每种方法取最先的几次）；其余的只测量。</translation>
    </message>
</context>
<context>
    <name>StatePalette</name>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>ready (waiting for a CPU)</source>
        <translation>就绪（等待 CPU）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>blocked on a lock, semaphore or event</source>
        <translation>阻塞于锁、信号量或事件</translation>
    </message>
    <message>
        <source>blocked on a queue (full or empty)</source>
        <translation>阻塞于队列（满或空）</translation>
    </message>
    <message>
        <source>waiting (join, sleep, IO)</source>
        <translation>等待（join、睡眠、IO）</translation>
    </message>
    <message>
        <source>copying data</source>
        <translation>复制数据</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>终止</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>queue full</source>
        <translation>队列已满</translation>
    </message>
    <message>
        <source>queue empty</source>
        <translation>队列为空</translation>
    </message>
    <message>
        <source>join</source>
        <translation>join 等待</translation>
    </message>
    <message>
        <source>result</source>
        <translation>等待结果</translation>
    </message>
    <message>
        <source>pipe full</source>
        <translation>管道已满</translation>
    </message>
    <message>
        <source>pipe empty</source>
        <translation>管道为空</translation>
    </message>
    <message>
        <source>queue join</source>
        <translation>队列 join</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>IO wait</source>
        <translation>等待 IO</translation>
    </message>
    <message>
        <source>switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>time limit</source>
        <translation>超出时限</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>被信号 %1 杀死</translation>
    </message>
    <message>
        <source>daemon ended with its owner</source>
        <translation>守护进程随其主人结束</translation>
    </message>
    <message>
        <source>failed (exit code %1)</source>
        <translation>失败（退出码 %1）</translation>
    </message>
    <message>
        <source>gave up waiting</source>
        <translation>放弃等待</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>deadlocked</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>running on CPU %1</source>
        <translation>在 CPU %1 上运行</translation>
    </message>
    <message>
        <source>blocked: %1</source>
        <translation>阻塞：%1</translation>
    </message>
    <message>
        <source>blocked: the next result, or all of them</source>
        <translation>阻塞：等待下一个结果或全部结果</translation>
    </message>
    <message>
        <source>blocked: result of task %1</source>
        <translation>阻塞：等待任务 %1 的结果</translation>
    </message>
    <message>
        <source>terminated: %1</source>
        <translation>终止：%1</translation>
    </message>
    <message>
        <source>running on CPU %1, from MLFQ level %2</source>
        <translation>在 CPU %1 上运行，来自 MLFQ 第 %2 级</translation>
    </message>
</context>
<context>
    <name>TimelineImage</name>
    <message>
        <source>outcome: %1</source>
        <translation>结果：%1</translation>
    </message>
    <message>
        <source>produced %1, consumed %2</source>
        <translation>生产 %1，消费 %2</translation>
    </message>
    <message>
        <source>%1 events, %2 dropped</source>
        <translation>%1 个事件，丢失 %2 个</translation>
    </message>
    <message>
        <source>the whole run: %1</source>
        <translation>整个运行：%1</translation>
    </message>
    <message>
        <source>time shown: %1 to %2 of %3</source>
        <translation>显示时间：%1 至 %2（共 %3）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the name must end in .png, .svg or .pdf</source>
        <translation>文件名必须以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>the file cannot be created</source>
        <translation>无法创建该文件</translation>
    </message>
    <message>
        <source>Wait-for graph when the deadlock formed (%1)</source>
        <translation>死锁形成时的等待图（%1）</translation>
    </message>
    <message>
        <source>Wait-for graph when the cycle formed (%1), before it was broken</source>
        <translation>环形成时（%1）、被打破之前的等待图</translation>
    </message>
    <message>
        <source>Wait-for graph at the run&apos;s end (%1)</source>
        <translation>运行结束时的等待图（%1）</translation>
    </message>
</context>
<context>
    <name>TimelinePainter</name>
    <message>
        <source>virtual CPUs</source>
        <translation>虚拟 CPU</translation>
    </message>
    <message>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>%1 running from %2 for %3</source>
        <translation>%1 从 %2 起运行了 %3</translation>
    </message>
    <message>
        <source>on a CPU (worker named)</source>
        <translation>占用 CPU（标出工作者）</translation>
    </message>
    <message>
        <source>%1: data</source>
        <translation>%1：数据</translation>
    </message>
    <message>
        <source>round %1: waited %2 for data, copied %3 bytes in %4&lt;br&gt;failed tries %5, wake-ups %6, system calls %7, CPU while waiting %8&lt;br&gt;blocked in the kernel during the wait: %9</source>
        <translation>第 %1 轮：等待数据 %2，用 %4 复制了 %3 字节&lt;br&gt;失败尝试 %5 次，唤醒 %6 次，系统调用 %7 次，等待期间 CPU 时间 %8&lt;br&gt;等待期间在内核中阻塞：%9</translation>
    </message>
    <message>
        <source>not in a round</source>
        <translation>不在任何一轮中</translation>
    </message>
    <message>
        <source>wait for data: from the first wait to readiness (or the data&apos;s arrival, for polling)</source>
        <translation>等待数据：从第一次等待到数据就绪（轮询时为数据到达）</translation>
    </message>
    <message>
        <source>copy data to the process: the calls that moved the bytes (io_uring: already done at completion)</source>
        <translation>把数据复制到进程：真正搬运字节的调用（io_uring：完成时已复制好）</translation>
    </message>
    <message>
        <source>failed try (EAGAIN)</source>
        <translation>失败的尝试（EAGAIN）</translation>
    </message>
    <message>
        <source>sender&apos;s write</source>
        <translation>发送方写入</translation>
    </message>
    <message>
        <source>locks</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>锁 %1</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>held by %1 from %2 for %3</source>
        <translation>由 %1 从 %2 起持有 %3</translation>
    </message>
    <message>
        <source>&lt;br&gt;taken %1 times over (reentrant)</source>
        <translation>&lt;br&gt;重复获取 %1 次（可重入）</translation>
    </message>
    <message>
        <source>&lt;br&gt;waiting for it: %1</source>
        <translation>&lt;br&gt;等待它的：%1</translation>
    </message>
    <message>
        <source>lock held (owner named)</source>
        <translation>锁被持有（标出持有者）</translation>
    </message>
    <message>
        <source>contended: others waiting</source>
        <translation>争用：有其他工作者在等待</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>信号 %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>  (+%1)</source>
        <translation>  （+%1）</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另外还有 %1 条</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>发送了 %1</translation>
    </message>
    <message>
        <source>printed “%1”</source>
        <translation>打印了“%1”</translation>
    </message>
    <message>
        <source>printed a line</source>
        <translation>打印了一行</translation>
    </message>
    <message>
        <source>sent a signal</source>
        <translation>发送了信号</translation>
    </message>
    <message>
        <source>ppid %1</source>
        <translation>ppid %1</translation>
    </message>
    <message>
        <source>unblocked by</source>
        <translation>被谁唤醒</translation>
    </message>
    <message>
        <source>deadlock formed</source>
        <translation>形成死锁</translation>
    </message>
    <message>
        <source>running / ready: the kernel&apos;s schedstat, read every %1 ms; within a reading the order is not known</source>
        <translation>运行 / 就绪：内核的 schedstat，每 %1 毫秒读取一次；同一次读数内的先后顺序无法得知</translation>
    </message>
    <message>
        <source>%1, depth %2</source>
        <translation>%1，深度 %2</translation>
    </message>
    <message>
        <source>depth %1</source>
        <translation>深度 %1</translation>
    </message>
    <message>
        <source>read %1 = %2</source>
        <translation>读 %1 = %2</translation>
    </message>
    <message>
        <source>%1 + %2 = %3</source>
        <translation>%1 + %2 = %3</translation>
    </message>
    <message>
        <source>wrote %1 = %2</source>
        <translation>写 %1 = %2</translation>
    </message>
    <message>
        <source>lost update: %1 = %2 over %3&apos;s %4</source>
        <translation>丢失的更新：%1 = %2，覆盖了 %3 写的 %4</translation>
    </message>
    <message>
        <source>wrote %1 = %2, worked out from the %3 it read; %4 had written %5 since, and that update is lost</source>
        <translation>写入 %1 = %2，依据的是它读到的 %3；在那之后 %4 已写入 %5，这次更新因此丢失</translation>
    </message>
    <message>
        <source>read a shared value</source>
        <translation>读共享值</translation>
    </message>
    <message>
        <source>wrote it</source>
        <translation>写共享值</translation>
    </message>
    <message>
        <source>waits for its turn</source>
        <translation>等待轮到它</translation>
    </message>
    <message>
        <source>L%1↑</source>
        <translation>L%1↑</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>level %1, boosted</source>
        <translation>第 %1 级，已提升</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>第 %1 级</translation>
    </message>
    <message>
        <source>waits for its turn: not yet part of the run</source>
        <translation>等待轮到它：尚未参与这次运行</translation>
    </message>
    <message>
        <source>level n (Ln): the MLFQ queue it ran from; ↑ a boost lifted it</source>
        <translation>第 n 级（Ln）：它从哪一级 MLFQ 队列运行；↑ 表示一次提升把它送回了高级</translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation>尚未启动</translation>
    </message>
    <message>
        <source>not started yet: its thread or process does not exist yet</source>
        <translation>尚未启动：它的线程或进程还不存在</translation>
    </message>
    <message>
        <source>zoomed out, a pixel shows the state that took most of its time; a strip at its foot, the next one</source>
        <translation>缩小时，一个像素显示占其时间最多的状态；底部的细条是其次的状态</translation>
    </message>
</context>
<context>
    <name>WaitForGraphPainter</name>
    <message>
        <source>no cycle</source>
        <translation>无环</translation>
    </message>
    <message numerus="yes">
        <source>%n cycle(s): deadlock</source>
        <translation>
            <numerusform>%n 个环：死锁</numerusform>
        </translation>
    </message>
    <message>
        <source>○ worker  □ lock  → holds  ⇢ waits for</source>
        <translation>○ 工作者  □ 锁  → 持有  ⇢ 等待</translation>
    </message>
</context>
<context>
    <name>conlab::AttachDialog</name>
    <message>
        <source>Attach to a process</source>
        <translation>附加到进程</translation>
    </message>
    <message>
        <source>Filter by pid, name, user or command</source>
        <translation>按 PID、名称、用户或命令筛选</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Only your own processes can be followed. Attaching reads /proc and never stops or changes the process; Stop leaves it running.</source>
        <translation>只能跟踪你自己的进程。附加只读取 /proc，从不暂停或改变该进程；Stop 之后它继续运行。</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Another user&apos;s process: /proc does not show its threads&apos; states to you.</source>
        <translation>其他用户的进程：/proc 不向你显示它的线程状态。</translation>
    </message>
</context>
<context>
    <name>conlab::BatchRunner</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>run %1 of %2 failed: %3</source>
        <translation>第 %1 次运行（共 %2 次）失败：%3</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
</context>
<context>
    <name>conlab::FigureLabels</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>, … (%1 in all)</source>
        <translation>，……（共 %1 个）</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU 数</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Events recorded</source>
        <translation>记录的事件</translation>
    </message>
    <message>
        <source>Events dropped</source>
        <translation>丢弃的事件</translation>
    </message>
    <message>
        <source>Workers stranded</source>
        <translation>滞留的工作者</translation>
    </message>
    <message>
        <source>Workers killed</source>
        <translation>被杀死的工作者</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Checker rules</source>
        <translation>检查规则</translation>
    </message>
    <message>
        <source>Lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>期望值</translation>
    </message>
    <message>
        <source>Final value</source>
        <translation>最终值</translation>
    </message>
    <message>
        <source>Most running at once</source>
        <translation>同时运行的最多数目</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并行执行</translation>
    </message>
    <message>
        <source>One after another would take</source>
        <translation>依次执行需要</translation>
    </message>
    <message>
        <source>Daemons ended with their owner</source>
        <translation>随主线程结束的守护线程</translation>
    </message>
    <message>
        <source>Join order</source>
        <translation>join 顺序</translation>
    </message>
    <message>
        <source>Daemon printed &quot;done&quot;</source>
        <translation>守护线程打印了“done”</translation>
    </message>
    <message>
        <source>Started after the first</source>
        <translation>在第一个之后启动</translation>
    </message>
    <message>
        <source>Main process sees</source>
        <translation>主进程看到</translation>
    </message>
    <message>
        <source>Workers saw</source>
        <translation>工作者看到</translation>
    </message>
    <message>
        <source>Pages copied</source>
        <translation>复制的页</translation>
    </message>
    <message>
        <source>Alive right after terminate()</source>
        <translation>terminate() 之后仍存活</translation>
    </message>
    <message>
        <source>Alive until</source>
        <translation>存活到</translation>
    </message>
    <message>
        <source>Escalated to kill</source>
        <translation>升级为 kill</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>Exit signal</source>
        <translation>退出信号</translation>
    </message>
    <message>
        <source>Time to stop</source>
        <translation>停止用时</translation>
    </message>
    <message>
        <source>Start methods</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>99th percentile</source>
        <translation>第 99 百分位</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Median join</source>
        <translation>join 中位数</translation>
    </message>
    <message>
        <source>Process vs thread</source>
        <translation>进程与线程之比</translation>
    </message>
    <message>
        <source>GIL handoffs</source>
        <translation>GIL 交接次数</translation>
    </message>
    <message>
        <source>GIL drop requests</source>
        <translation>GIL 释放请求</translation>
    </message>
    <message>
        <source>Waiting for the GIL</source>
        <translation>等待 GIL</translation>
    </message>
    <message>
        <source>One worker alone</source>
        <translation>单个工作者单独运行</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核心数</translation>
    </message>
    <message>
        <source>Tickets sold</source>
        <translation>售出的票</translation>
    </message>
    <message>
        <source>Tickets oversold</source>
        <translation>超售的票</translation>
    </message>
    <message>
        <source>Tickets left</source>
        <translation>剩余的票</translation>
    </message>
    <message>
        <source>Most inside at once</source>
        <translation>同时在内的最多数目</translation>
    </message>
    <message>
        <source>Waited at the door</source>
        <translation>在门口等待</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>被放行</translation>
    </message>
    <message>
        <source>Released before the set</source>
        <translation>在 set 之前被放行</translation>
    </message>
    <message>
        <source>Gave up</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时次数</translation>
    </message>
    <message>
        <source>Fired after</source>
        <translation>触发于</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>已生产</translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation>已消费</translation>
    </message>
    <message>
        <source>Deepest queue</source>
        <translation>队列最大深度</translation>
    </message>
    <message>
        <source>Gets from an empty queue</source>
        <translation>从空队列取</translation>
    </message>
    <message>
        <source>Puts into a full queue</source>
        <translation>向满队列放</translation>
    </message>
    <message>
        <source>Put order</source>
        <translation>放入顺序</translation>
    </message>
    <message>
        <source>Get order</source>
        <translation>取出顺序</translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation>写入字节</translation>
    </message>
    <message>
        <source>Bytes read</source>
        <translation>读取字节</translation>
    </message>
    <message>
        <source>Most bytes in the pipe</source>
        <translation>管道中最多字节</translation>
    </message>
    <message>
        <source>Pipe capacity</source>
        <translation>管道容量</translation>
    </message>
    <message>
        <source>Torn messages</source>
        <translation>被撕裂的消息</translation>
    </message>
    <message>
        <source>Writer blocked</source>
        <translation>写者阻塞</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Pages per second</source>
        <translation>每秒页面数</translation>
    </message>
    <message>
        <source>Links found</source>
        <translation>找到的链接</translation>
    </message>
    <message>
        <source>Links served</source>
        <translation>提供的链接</translation>
    </message>
    <message>
        <source>Words found</source>
        <translation>找到的单词</translation>
    </message>
    <message>
        <source>Fetchers waited</source>
        <translation>抓取者等待</translation>
    </message>
    <message>
        <source>Parsing</source>
        <translation>解析</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Aborts</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Workers that finished</source>
        <translation>完成的工作者</translation>
    </message>
    <message>
        <source>Deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>环</translation>
    </message>
    <message>
        <source>Locks</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Formed at</source>
        <translation>形成于</translation>
    </message>
    <message>
        <source>Detected at</source>
        <translation>检测于</translation>
    </message>
    <message>
        <source>Victims aborted</source>
        <translation>中止的牺牲者</translation>
    </message>
    <message>
        <source>Cycles broken</source>
        <translation>打破的环</translation>
    </message>
    <message>
        <source>Possible deadlocks</source>
        <translation>可能的死锁</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>完成的任务</translation>
    </message>
    <message>
        <source>Workers used</source>
        <translation>使用的工作者</translation>
    </message>
    <message>
        <source>Threads created</source>
        <translation>创建的线程</translation>
    </message>
    <message>
        <source>Processes created</source>
        <translation>创建的进程</translation>
    </message>
    <message>
        <source>Result order</source>
        <translation>结果顺序</translation>
    </message>
    <message>
        <source>Per task</source>
        <translation>每个任务</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>入队于</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Ended at</source>
        <translation>结束于</translation>
    </message>
    <message>
        <source>Callback thread</source>
        <translation>回调线程</translation>
    </message>
    <message>
        <source>With cooperative sleeps</source>
        <translation>协作式睡眠时</translation>
    </message>
    <message>
        <source>With blocking sleeps</source>
        <translation>阻塞式睡眠时</translation>
    </message>
    <message>
        <source>Threads used</source>
        <translation>使用的线程</translation>
    </message>
    <message>
        <source>Processes used</source>
        <translation>使用的进程</translation>
    </message>
    <message>
        <source>Coroutines</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>Switches</source>
        <translation>切换次数</translation>
    </message>
    <message>
        <source>A function call</source>
        <translation>一次函数调用</translation>
    </message>
    <message>
        <source>A switch</source>
        <translation>一次切换</translation>
    </message>
    <message>
        <source>Switch vs call</source>
        <translation>切换与调用之比</translation>
    </message>
    <message>
        <source>Sampled every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>On a CPU</source>
        <translation>在 CPU 上</translation>
    </message>
    <message>
        <source>Waited for a CPU</source>
        <translation>等待 CPU</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>In IO</source>
        <translation>IO 中</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Turnaround</source>
        <translation>周转</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Average waiting</source>
        <translation>平均等待</translation>
    </message>
    <message>
        <source>Average turnaround</source>
        <translation>平均周转</translation>
    </message>
    <message>
        <source>Average response</source>
        <translation>平均响应</translation>
    </message>
    <message>
        <source>CPU utilisation</source>
        <translation>CPU 利用率</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Makespan</source>
        <translation>总完成时间</translation>
    </message>
    <message>
        <source>CPU busy</source>
        <translation>CPU 忙碌</translation>
    </message>
    <message>
        <source>Expected utilisation</source>
        <translation>期望利用率</translation>
    </message>
    <message>
        <source>Expected makespan</source>
        <translation>期望总完成时间</translation>
    </message>
    <message>
        <source>One job at a time</source>
        <translation>一次一个作业</translation>
    </message>
    <message>
        <source>Multiprogrammed</source>
        <translation>多道程序</translation>
    </message>
    <message>
        <source>Dispatches</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Dispatches as expected</source>
        <translation>调度符合预期</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>并列</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Rounds completed</source>
        <translation>完成的轮数</translation>
    </message>
    <message>
        <source>IO failures</source>
        <translation>IO 失败</translation>
    </message>
    <message>
        <source>Longest lag after the data came</source>
        <translation>数据到达后的最长延迟</translation>
    </message>
    <message>
        <source>Designs run</source>
        <translation>运行的设计</translation>
    </message>
    <message>
        <source>Designs failed</source>
        <translation>失败的设计</translation>
    </message>
    <message>
        <source>Memory before the servers</source>
        <translation>服务器启动前的内存</translation>
    </message>
    <message>
        <source>Sockets left open</source>
        <translation>未关闭的套接字</translation>
    </message>
    <message>
        <source>io_uring available</source>
        <translation>io_uring 可用</translation>
    </message>
    <message>
        <source>Process per connection</source>
        <translation>每连接一个进程</translation>
    </message>
    <message>
        <source>Thread per connection</source>
        <translation>每连接一个线程</translation>
    </message>
    <message>
        <source>Thread pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>epoll</source>
        <translation>epoll</translation>
    </message>
    <message>
        <source>io_uring</source>
        <translation>io_uring</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Non-blocking</source>
        <translation>非阻塞</translation>
    </message>
    <message>
        <source>Multiplexing</source>
        <translation>多路复用</translation>
    </message>
    <message>
        <source>Signal-driven</source>
        <translation>信号驱动</translation>
    </message>
    <message>
        <source>Asynchronous</source>
        <translation>异步</translation>
    </message>
    <message>
        <source>median latency</source>
        <translation>延迟中位数</translation>
    </message>
    <message>
        <source>99th-percentile latency</source>
        <translation>第 99 百分位延迟</translation>
    </message>
    <message>
        <source>replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>bad replies</source>
        <translation>错误回复</translation>
    </message>
    <message>
        <source>missing replies</source>
        <translation>缺失的回复</translation>
    </message>
    <message>
        <source>wrong replies</source>
        <translation>错配的回复</translation>
    </message>
    <message>
        <source>memory (RSS)</source>
        <translation>内存（RSS）</translation>
    </message>
    <message>
        <source>private memory</source>
        <translation>私有内存</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>workers without a lane</source>
        <translation>没有泳道的工作者</translation>
    </message>
    <message>
        <source>children left</source>
        <translation>遗留的子进程</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <source>copying to the process</source>
        <translation>复制到进程</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>CPU while waiting</source>
        <translation>等待时的 CPU</translation>
    </message>
    <message>
        <source>lag after the data came</source>
        <translation>数据到达后的延迟</translation>
    </message>
    <message>
        <source>waiting without blocking</source>
        <translation>等待但未阻塞</translation>
    </message>
    <message>
        <source>system calls per message</source>
        <translation>每条消息的系统调用</translation>
    </message>
    <message>
        <source>wakeups</source>
        <translation>唤醒次数</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>lag until noticed</source>
        <translation>发现前的延迟</translation>
    </message>
    <message>
        <source>sockets served</source>
        <translation>服务的套接字</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Other programs on the cores</source>
        <translation>其他程序占用核心的时间</translation>
    </message>
    <message>
        <source>The cores&apos; time</source>
        <translation>核心的总时间</translation>
    </message>
</context>
<context>
    <name>conlab::FiguresPanel</name>
    <message>
        <source>&lt;p&gt;Figures of the last run appear here when it ends.&lt;/p&gt;</source>
        <translation>&lt;p&gt;上一次运行结束后，它的测量数据显示在这里。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Running… figures appear when the run ends.&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在运行……运行结束后显示数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Trace checker: every rule holds</source>
        <translation>跟踪检查器：所有规则均成立</translation>
    </message>
    <message>
        <source>Trace checker: violations found</source>
        <translation>跟踪检查器：发现违规</translation>
    </message>
    <message>
        <source>Rules checked: %1</source>
        <translation>检查的规则：%1</translation>
    </message>
    <message>
        <source>▾ Run details</source>
        <translation>▾ 运行详情</translation>
    </message>
    <message>
        <source>▸ Run details (parameters, events, checker rules)</source>
        <translation>▸ 运行详情（参数、事件、检查规则）</translation>
    </message>
</context>
<context>
    <name>conlab::IoModelsMatrix</name>
    <message>
        <source>blocking IO</source>
        <translation>阻塞IO</translation>
    </message>
    <message>
        <source>IO multiplexing (epoll/poll/select)</source>
        <translation>IO多路复用（epoll/poll/select）</translation>
    </message>
    <message>
        <source>non-blocking IO (polling)</source>
        <translation>非阻塞IO（轮询）</translation>
    </message>
    <message>
        <source>signal-driven IO</source>
        <translation>信号驱动IO</translation>
    </message>
    <message>
        <source>asynchronous IO (io_uring / POSIX AIO)</source>
        <translation>异步IO（io_uring / POSIX AIO）</translation>
    </message>
    <message>
        <source>waited %1 a message; blocked %2 in all</source>
        <translation>每条消息等待 %1；共阻塞 %2</translation>
    </message>
    <message>
        <source>CPU while waiting: %1</source>
        <translation>等待期间的 CPU 时间：%1</translation>
    </message>
    <message>
        <source>failed tries: %1</source>
        <translation>失败尝试：%1 次</translation>
    </message>
    <message>
        <source>wake-ups: %1, system calls per message: %2</source>
        <translation>唤醒：%1 次，每条消息的系统调用：%2 次</translation>
    </message>
    <message>
        <source>synchronous</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>The caller itself waits while the data is copied to it</source>
        <translation>数据复制给调用者时，调用者自己在等待</translation>
    </message>
    <message>
        <source>asynchronous</source>
        <translation>异步</translation>
    </message>
    <message>
        <source>The kernel copies the data and tells the caller when it is done</source>
        <translation>由内核复制数据，完成后通知调用者</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>The caller sleeps in the kernel while it waits for data</source>
        <translation>等待数据时，调用者在内核中睡眠</translation>
    </message>
    <message>
        <source>non-blocking</source>
        <translation>非阻塞</translation>
    </message>
    <message>
        <source>The caller is free (or polls) while it waits for data</source>
        <translation>等待数据时，调用者可以做别的事（或轮询）</translation>
    </message>
    <message>
        <source>Measured in the last run, from its trace: waits, CPU time, tries, wake-ups and system calls per message; time blocked over the whole run. Hover a heading for its meaning.</source>
        <translation>数据取自上一次运行的跟踪记录：每条消息的等待时间、CPU 时间、尝试次数、唤醒次数和系统调用次数；阻塞时间按整个运行统计。把鼠标停在标题上可查看其含义。</translation>
    </message>
    <message>
        <source>&lt;i&gt;none: an asynchronous read never puts the caller to sleep&lt;/i&gt;</source>
        <translation>&lt;i&gt;无：异步读取从不让调用者睡眠&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>conlab::JobCellDelegate</name>
    <message>
        <source>no commas in a cell</source>
        <translation>单元格中不能有逗号</translation>
    </message>
</context>
<context>
    <name>conlab::JobTableEditor</name>
    <message>
        <source>Run my own job table</source>
        <translation>使用我自己的作业表</translation>
    </message>
    <message>
        <source>Off: the preset chosen in the parameters. On: the table below, passed to the runner as --jobs</source>
        <translation>关闭：使用参数中选择的预设。打开：使用下面的表格，以 --jobs 传给运行器</translation>
    </message>
    <message>
        <source>Start from preset</source>
        <translation>从预设开始</translation>
    </message>
    <message>
        <source>Add job</source>
        <translation>添加作业</translation>
    </message>
    <message>
        <source>Remove job</source>
        <translation>删除作业</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Bursts</source>
        <translation>执行段</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Bursts alternate CPU and IO, starting and ending on the CPU: 4/2/3 computes 4, waits 2, computes 3. Times are in the lesson&apos;s time units; a lower priority number is more urgent.</source>
        <translation>执行段在 CPU 和 IO 之间交替，以 CPU 开始并以 CPU 结束：4/2/3 表示计算 4、等待 2、再计算 3。时间以本课的时间单位计；优先级数字越小越紧急。</translation>
    </message>
    <message>
        <source>Not taken, row %1: %2</source>
        <translation>未采用，第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>conlab::LessonPanel</name>
    <message>
        <source>&lt;p&gt;This lesson has no text yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这一课还没有讲义。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>conlab::LessonTabs</name>
    <message>
        <source>Output (%1)</source>
        <translation>输出（%1）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>讲义</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Wait-for graph and worker-state diagram</source>
        <translation>等待图和工作者状态图</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>What the run measured, and its processes and threads</source>
        <translation>本次运行测得的数据，以及它的进程和线程</translation>
    </message>
    <message>
        <source>Lines the workers printed, with their times</source>
        <translation>工作者打印的各行内容及其时间</translation>
    </message>
    <message>
        <source>IO models</source>
        <translation>IO 模型</translation>
    </message>
    <message>
        <source>Scheduling</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Multiprogramming</source>
        <translation>多道程序</translation>
    </message>
    <message>
        <source>Start cost</source>
        <translation>启动开销</translation>
    </message>
    <message>
        <source>How long each start method took to reach the new worker&apos;s first instruction</source>
        <translation>每种启动方式从调用到新工作者执行第一条指令所用的时间</translation>
    </message>
</context>
<context>
    <name>conlab::MainWindow</name>
    <message>
        <source>Concurrency Lab</source>
        <translation>并发实验室</translation>
    </message>
    <message>
        <source>Lessons and parameters</source>
        <translation>课程与参数</translation>
    </message>
    <message>
        <source>Compare policies works on lessons with a policy, such as Scheduling policies</source>
        <translation>“比较调度策略”只适用于有调度策略的课程，例如“调度策略”</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>讲义</translation>
    </message>
    <message>
        <source>Cannot run</source>
        <translation>无法运行</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) stranded on the queue until the run was %1</source>
        <translation>
            <numerusform>%n 个工作者一直困在队列上，直到运行%1</numerusform>
        </translation>
    </message>
    <message>
        <source>ended by its time limit</source>
        <translation>因超出时限而结束</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>被停止</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>正在停止……</translation>
    </message>
    <message>
        <source>running %1</source>
        <translation>运行中 %1</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>outcome: %1</source>
        <translation>结果：%1</translation>
    </message>
    <message>
        <source>stopped in %1 ms</source>
        <translation>%1 毫秒内停止</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>跟踪文件 %1</translation>
    </message>
    <message>
        <source>Cannot open trace</source>
        <translation>无法打开跟踪文件</translation>
    </message>
    <message>
        <source>Cannot watch</source>
        <translation>无法观察</translation>
    </message>
</context>
<context>
    <name>conlab::MultiprogrammingChart</name>
    <message>
        <source>batch</source>
        <translation>批处理</translation>
    </message>
    <message>
        <source>multi</source>
        <translation>多道</translation>
    </message>
    <message>
        <source>measured (real run)</source>
        <translation>实测（真实运行）</translation>
    </message>
    <message>
        <source>model (FCFS on paper)</source>
        <translation>模型（纸面上的先来先服务）</translation>
    </message>
    <message>
        <source>Run multiprogramming to compare the two</source>
        <translation>运行“多道程序”一课来比较两者</translation>
    </message>
    <message>
        <source>&lt;p align=&quot;center&quot;&gt;CPU utilisation: busy time over the phase&apos;s length&lt;br&gt;&lt;small&gt;batch loads one job at a time, multi all of them at once&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p align=&quot;center&quot;&gt;CPU 利用率：忙碌时间占该阶段时长的比例&lt;br&gt;&lt;small&gt;批处理一次只装入一个作业，多道一次装入全部作业&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>% of the phase</source>
        <translation>占该阶段的 %</translation>
    </message>
    <message>
        <source>Makespan: first arrival to last exit</source>
        <translation>完成时间跨度：从第一个到达到最后一个退出</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
</context>
<context>
    <name>conlab::OutputLineModel</name>
    <message>
        <source>Time (ms)</source>
        <translation>时间（毫秒）</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>When the line was printed, from the start of the run</source>
        <translation>这一行的打印时间，从运行开始算起</translation>
    </message>
</context>
<context>
    <name>conlab::OutputPanel</name>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Lines the workers printed. Choose one to see that instant on the timeline.</source>
        <translation>工作者打印的内容。选中一行，可在时间线上查看那一时刻。</translation>
    </message>
    <message>
        <source>Nothing printed yet.
What a worker prints appears here with its time; choose a line to see that instant on the timeline.</source>
        <translation>还没有打印任何内容。
工作者打印的内容会连同时间显示在这里；选中一行，可在时间线上查看那一时刻。</translation>
    </message>
</context>
<context>
    <name>conlab::ParameterEditor</name>
    <message>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;&lt;tt&gt;--set %2=…&lt;/tt&gt; (%3, default %4)&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;&lt;tt&gt;--set %2=…&lt;/tt&gt;（%3，默认 %4）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 is below the smallest value (%2): set to %3</source>
        <translation>%1 低于最小值（%2）：已设为 %3</translation>
    </message>
    <message>
        <source>%1 is above the largest value (%2): set to %3</source>
        <translation>%1 超过最大值（%2）：已设为 %3</translation>
    </message>
</context>
<context>
    <name>conlab::ParameterPanel</name>
    <message>
        <source>Pick a lesson to see its parameters.</source>
        <translation>选择一课以查看它的参数。</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Put every parameter of this lesson back to its default value</source>
        <translation>把这一课的所有参数恢复为默认值</translation>
    </message>
</context>
<context>
    <name>conlab::PolicyComparisonChart</name>
    <message>
        <source>Press Compare policies</source>
        <translation>请按“比较调度策略”</translation>
    </message>
    <message>
        <source>Averages per policy (measured on real workers)</source>
        <translation>各调度策略的平均值（在真实工作者上测得）</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待时间</translation>
    </message>
    <message>
        <source>turnaround</source>
        <translation>周转时间</translation>
    </message>
    <message>
        <source>response</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
</context>
<context>
    <name>conlab::ProcessTreeView</name>
    <message>
        <source>%1  pid %2  ppid %3</source>
        <translation>%1  pid %2  ppid %3</translation>
    </message>
    <message>
        <source>A process: its own memory, its threads beneath</source>
        <translation>一个进程：拥有自己的内存，下面列出它的线程</translation>
    </message>
    <message>
        <source>%1  tid %2</source>
        <translation>%1  tid %2</translation>
    </message>
    <message>
        <source>A thread of this process</source>
        <translation>这个进程的一个线程</translation>
    </message>
    <message>
        <source>Processes and threads</source>
        <translation>进程和线程</translation>
    </message>
    <message>
        <source>a process without a lane  pid %1</source>
        <translation>没有泳道的进程  pid %1</translation>
    </message>
    <message>
        <source>It ran no lane of the run; the processes beneath it named it as their parent</source>
        <translation>它在本次运行中没有泳道；下面的进程把它记作自己的父进程</translation>
    </message>
</context>
<context>
    <name>conlab::QueueDepthChart</name>
    <message>
        <source>How full the queue or pipe is (dashed: its capacity)</source>
        <translation>队列或管道的占用情况（虚线：容量）</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>KiB in the pipe</source>
        <translation>管道中的 KiB</translation>
    </message>
    <message>
        <source>items in the queue</source>
        <translation>队列中的数据项</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>capacity %1</source>
        <translation>容量 %1</translation>
    </message>
    <message>
        <source>How many are inside the semaphore (dashed: its places)</source>
        <translation>信号量内有多少个（虚线：名额数）</translation>
    </message>
    <message>
        <source>workers inside</source>
        <translation>房间内的工作者</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>%1 places</source>
        <translation>%1 个名额</translation>
    </message>
</context>
<context>
    <name>conlab::RemedyTable</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>对策</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Aborts</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>One row per run of this lesson&apos;s remedies, to compare them</source>
        <translation>本课程的对策每运行一次占一行，便于比较</translation>
    </message>
</context>
<context>
    <name>conlab::RunController</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>the runner&apos;s stream is damaged: %1</source>
        <translation>运行器的数据流已损坏：%1</translation>
    </message>
    <message>
        <source>the runner crashed</source>
        <translation>运行器崩溃了</translation>
    </message>
    <message>
        <source>the runner exited with code %1</source>
        <translation>运行器以退出码 %1 退出</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>conlab::RunStatusLine</name>
    <message>
        <source>produced %1, consumed %2</source>
        <translation>生产 %1，消费 %2</translation>
    </message>
    <message>
        <source>dropped events %1</source>
        <translation>丢失事件 %1</translation>
    </message>
    <message>
        <source>no virtual CPUs: the kernel schedules</source>
        <translation>无虚拟 CPU：由内核调度</translation>
    </message>
    <message>
        <source>the kernel schedules on 1 core</source>
        <translation>内核在 1 个核心上调度</translation>
    </message>
    <message>
        <source>the kernel schedules on %1 cores</source>
        <translation>内核在 %1 个核心上调度</translation>
    </message>
    <message>
        <source>V=%1 %2</source>
        <translation>V=%1 %2</translation>
    </message>
    <message>
        <source>dropped events %1 (%2)</source>
        <translation>丢失事件 %1（%2）</translation>
    </message>
    <message>
        <source>Events each worker lost while its ring was full:</source>
        <translation>各工作者在其环形缓冲区满时丢失的事件：</translation>
    </message>
    <message>
        <source>%1 more lost from the runner&apos;s own ring</source>
        <translation>另有 %1 个从运行器自身的环形缓冲区丢失</translation>
    </message>
    <message>
        <source>A checker violation on these workers says it may come from them.</source>
        <translation>涉及这些工作者的检查违规会注明它可能源于这些丢失。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>conlab::SchedulingPanel</name>
    <message>
        <source>%1 of %2 policies</source>
        <translation>已完成 %1 / %2 个策略</translation>
    </message>
    <message>
        <source>Comparison stopped: %1</source>
        <translation>比较已停止：%1</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待时间</translation>
    </message>
    <message>
        <source>Turnaround</source>
        <translation>周转时间</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Model: waiting</source>
        <translation>模型：等待时间</translation>
    </message>
    <message>
        <source>Model: turnaround</source>
        <translation>模型：周转时间</translation>
    </message>
    <message>
        <source>Model: response</source>
        <translation>模型：响应时间</translation>
    </message>
    <message>
        <source>Measured on the real workers, and computed by the pure policy for the same job table</source>
        <translation>在真实工作者上测得，并与纯调度策略对同一作业表的计算结果对照</translation>
    </message>
    <message>
        <source>Compare policies</source>
        <translation>比较调度策略</translation>
    </message>
    <message>
        <source>Run this job table under every policy, one after the other, and chart the average waiting, turnaround and response times</source>
        <translation>依次用每种调度策略运行这张作业表，并绘制平均等待时间、周转时间和响应时间</translation>
    </message>
    <message>
        <source>Run the scheduling lesson to see each job&apos;s times here.</source>
        <translation>运行调度课程后，这里会显示每个作业的各项时间。</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>CPU utilisation %1% (model %2%). Order of dispatches %3 the policy&apos;s schedule.</source>
        <translation>CPU 利用率 %1%（模型 %2%）。调度顺序%3该策略的调度表。</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>differs from</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>cannot write the job table to %1: %2</source>
        <translation>无法把作业表写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>conlab::ServerModelsCharts</name>
    <message>
        <source>fork</source>
        <translation>多进程</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>多线程</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>epoll</source>
        <translation>epoll</translation>
    </message>
    <message>
        <source>coro</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>uring</source>
        <translation>uring</translation>
    </message>
    <message>
        <source>running the designs: %p%</source>
        <translation>正在运行各种设计：%p%</translation>
    </message>
    <message>
        <source>Run server-models to compare the designs</source>
        <translation>运行“服务器设计”一课来比较各种设计</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>99th percentile</source>
        <translation>第 99 百分位</translation>
    </message>
    <message>
        <source>Server memory (resident)</source>
        <translation>服务器内存（常驻）</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>Server workers</source>
        <translation>服务器工作者</translation>
    </message>
    <message>
        <source>threads or processes</source>
        <translation>线程或进程</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1（对数坐标）</translation>
    </message>
</context>
<context>
    <name>conlab::StartCostChart</name>
    <message>
        <source>Run the lesson to measure start times</source>
        <translation>运行这一课来测量启动时间</translation>
    </message>
    <message>
        <source>Start call → first instruction</source>
        <translation>启动调用 → 第一条指令</translation>
    </message>
    <message>
        <source>µs (logarithmic)</source>
        <translation>微秒（对数刻度）</translation>
    </message>
    <message>
        <source>% of starts at most this long</source>
        <translation>不超过该时长的启动所占 %</translation>
    </message>
    <message>
        <source>%1
median %2
p99 %3</source>
        <translation>%1
中位数 %2
p99 %3</translation>
    </message>
</context>
<context>
    <name>conlab::StateDiagramView</name>
    <message>
        <source>State diagram</source>
        <translation>状态图</translation>
    </message>
    <message>
        <source>Worker states: transitions so far</source>
        <translation>工作者状态：迄今为止的状态转换</translation>
    </message>
</context>
<context>
    <name>conlab::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Pick a lesson, set its parameters and press Run.
Every worker of the run gets a lane here.</source>
        <translation>选择一课，设置参数，然后按“运行”。
每个工作者在这里都有一条泳道。</translation>
    </message>
    <message>
        <source>%1%2&lt;br&gt;from %3 for %4%5</source>
        <translation>%1%2&lt;br&gt;从 %3 起，持续 %4%5</translation>
    </message>
    <message>
        <source> (still going)</source>
        <translation>（仍在继续）</translation>
    </message>
    <message>
        <source>%1 % %2</source>
        <translation>%1% %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;this pixel&apos;s %1: %2</source>
        <translation>&lt;br&gt;这一像素的 %1：%2</translation>
    </message>
</context>
<context>
    <name>conlab::WaitForGraphView</name>
    <message>
        <source>Wait-for graph</source>
        <translation>等待图</translation>
    </message>
    <message>
        <source>The wait-for graph shows who holds and who waits for each lock. Run a lesson with locks (two locks, philosophers) to see it.</source>
        <translation>等待图显示每把锁由谁持有、谁在等待。运行一个带锁的课程（两把锁、哲学家就餐）即可看到。</translation>
    </message>
    <message>
        <source>now (%1)</source>
        <translation>现在（%1）</translation>
    </message>
    <message>
        <source>at %1 (cursor)</source>
        <translation>在 %1（光标处）</translation>
    </message>
    <message>
        <source>Wait-for graph %1</source>
        <translation>等待图 %1</translation>
    </message>
</context>
<context>
    <name>conlab::WatchDialog</name>
    <message>
        <source>Watch a program</source>
        <translation>观察一个程序</translation>
    </message>
    <message>
        <source>python3 my_threads.py --workers 4</source>
        <translation>python3 my_threads.py --workers 4</translation>
    </message>
    <message>
        <source>The program and its arguments, as you would type them in a shell (double quotes group words; no pipes or redirections).</source>
        <translation>程序及其参数，就像在 shell 中输入的那样（双引号把多个词合为一个参数；不支持管道和重定向）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How often the program&apos;s threads are read from /proc: nothing shorter than this is seen.</source>
        <translation>多久从 /proc 读取一次程序的线程：比这更短的事情看不到。</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Working folder:</source>
        <translation>工作目录：</translation>
    </message>
    <message>
        <source>Sample every:</source>
        <translation>采样间隔：</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>观察</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>工作目录</translation>
    </message>
    <message>
        <source>Type the command to run.</source>
        <translation>请输入要运行的命令。</translation>
    </message>
    <message>
        <source>The command line has an unclosed quote.</source>
        <translation>命令行中有未闭合的引号。</translation>
    </message>
    <message>
        <source>The working folder does not exist.</source>
        <translation>工作目录不存在。</translation>
    </message>
    <message>
        <source>No program called &quot;%1&quot; on PATH.</source>
        <translation>PATH 中没有名为“%1”的程序。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an executable file.</source>
        <translation>“%1”不是可执行文件。</translation>
    </message>
</context>
<context>
    <name>conlab::WindowActions</name>
    <message>
        <source>Export trace as &amp;JSON…</source>
        <translation>将跟踪导出为 &amp;JSON…</translation>
    </message>
    <message>
        <source>Save the run in the Trace Event Format, to open in Perfetto or chrome://tracing</source>
        <translation>以 Trace Event Format 保存本次运行，可在 Perfetto 或 chrome://tracing 中打开</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the lesson with these parameters (F5)</source>
        <translation>用这些参数运行这一课（F5）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run: every thread and process of it ends (Esc)</source>
        <translation>停止运行：它的所有线程和进程都会结束（Esc）</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole run (Ctrl+0)</source>
        <translation>显示整个运行（Ctrl+0）</translation>
    </message>
    <message>
        <source>Follow &amp;live</source>
        <translation>跟随最新(&amp;L)</translation>
    </message>
    <message>
        <source>Keep the newest events in view while a run goes on (Ctrl+L)</source>
        <translation>运行进行时始终显示最新的事件（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Unblocked-by arrows</source>
        <translation>唤醒箭头(&amp;U)</translation>
    </message>
    <message>
        <source>Arrows from the worker that released a lock, posted a semaphore, set an event or used the queue to the worker it woke</source>
        <translation>从释放锁、释放信号量、设置事件或操作队列的工作者，指向被它唤醒的工作者的箭头</translation>
    </message>
    <message>
        <source>&amp;CPU lanes</source>
        <translation>CPU 泳道(&amp;C)</translation>
    </message>
    <message>
        <source>A lane per virtual CPU, naming the worker that ran on it</source>
        <translation>每个虚拟 CPU 一条泳道，标出在上面运行的工作者</translation>
    </message>
    <message>
        <source>&amp;Export image…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the timeline as a PNG, SVG or PDF image (Ctrl+E)</source>
        <translation>将时间线保存为 PNG、SVG 或 PDF 图像（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Open trace…</source>
        <translation>打开跟踪文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save trace…</source>
        <translation>保存跟踪文件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>time limit </source>
        <translation>时限 </translation>
    </message>
    <message>
        <source>A run still going after this long is ended, and says so</source>
        <translation>运行超过这个时长仍未结束时，将被终止并给出说明</translation>
    </message>
    <message>
        <source>&amp;Watch a program…</source>
        <translation>观察程序(&amp;W)…</translation>
    </message>
    <message>
        <source>Launch any program and draw its real threads and child processes from the kernel&apos;s accounting (Ctrl+W)</source>
        <translation>启动任意程序，并根据内核的统计画出它真实的线程和子进程（Ctrl+W）</translation>
    </message>
    <message>
        <source>&amp;Attach to a process…</source>
        <translation>附加到进程(&amp;A)…</translation>
    </message>
    <message>
        <source>Follow a running process of yours, without stopping it</source>
        <translation>跟踪你的一个正在运行的进程，而不暂停它</translation>
    </message>
</context>
</TS>
