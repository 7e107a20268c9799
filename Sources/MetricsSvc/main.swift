await MetricsSvcCommand.runFromCommandLine()
