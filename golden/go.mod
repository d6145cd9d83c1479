module github.com/zipkingen/zipkingen/golden

go 1.24.0

require github.com/zipkingen/zipkingen v0.0.0

replace github.com/zipkingen/zipkingen => ../
