visieSearch.load("index",{"chunks":["0","koppeld","vorm"],"sections":57,"stemmer":"dutch","version":1});
