import MetricxServiceHost

// Every request is I/O plus a little encoding: waking a second thread pool for each step of it
// cost about a tenth of the gateway's CPU (make bench, 2 cores). Installed before anything is
// awaited, as it must be.
ServiceHost.runTasksOnEventLoops()
await GatewayCommand.runFromCommandLine()
