package poster

// NotoSans returns the embedded Noto Sans, regular and bold, so that other PDFs (the SSP
// report) register the same open font a poster does and load nothing from anywhere. The
// slices are shared: read only.
func NotoSans() (regular, bold []byte) { return notoRegular, notoBold }
