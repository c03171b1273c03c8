import Monitor

VigiaMain.run()
