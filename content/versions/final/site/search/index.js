visieSearch.load("index",{"chunks":["0","kort","vres"],"sections":60,"stemmer":"dutch","version":1});
